package org.supernodesim.workload.training;

import java.util.List;
import java.util.Map;
import org.supernodesim.model.transformer.DenseFfn;
import org.supernodesim.model.transformer.FeedForward;
import org.supernodesim.model.transformer.Mlp;
import org.supernodesim.model.transformer.MoeFfn;

/**
 * Per-rank memory of a training step. Model states follow ZeRO (Rajbhandari et al., SC'20, §3):
 * with mixed-precision Adam each parameter costs 2 bytes of weights, 4 of fp32 gradient
 * accumulator (Megatron-LM's main_grad) and 12 of optimizer state (fp32 master, momentum,
 * variance); ZeRO-1 shards the 12 over the data-parallel group, ZeRO-2 the gradients too, ZeRO-3
 * the weights. Activations per layer and token follow Korthikanti et al. (MLSys 2023, §4.1, eq.
 * 1-2): 34·h bytes for a GPT layer (norms 4h, attention 11h, MLP 19h) plus 5·a·s for an unfused
 * softmax; 10·h of it is outside the tensor-parallel regions and split only by sequence
 * parallelism; full recomputation keeps the 2·h input of each layer only. A stage holds the
 * activations of every micro-batch in flight, found by walking its schedule: p - stage of them
 * under 1F1B, the warm-up count + 1 chunks under the interleaved schedule, p + 1 chunk passes under
 * DualPipe. A schedule that places a chunk on r stages (DualPipe: 2) keeps r copies of its
 * parameters and gradients; ZeRO then shards the optimizer states over all r·dp ranks holding
 * them.
 *
 * <p>DeepSeek-V3's savings (arXiv 2412.19437 §3.2.3, §3.3.4) are explicit options on top:
 * {@link Recomputation#NORMS_AND_ACTIVATION} drops the norms' outputs (2h of the 10h outside the
 * tensor-parallel regions is the attention's input; the dense or shared-expert MLP's 2h input)
 * and the activation's 2w output per MLP; {@link ActivationStorage#FP8} stores what is left of
 * those linear inputs, the up/gate outputs and the routed experts' inputs at 1 byte and the
 * attention output projection's 2h input (inside the 5h of attention here) at 1.5 bytes; bf16
 * Adam moments make the optimizer state 4 + 2 + 2 = 8 bytes per parameter. DeepSeek's EMA of the
 * weights lives in CPU memory, so it is not counted (nor is any EMA).
 */
final class MemoryModel {
  private static final double WEIGHT_BYTES = 2;
  private static final double GRADIENT_BYTES = 4;
  private static final double MASTER_WEIGHT_BYTES = 4;

  private final TrainingJob job;

  MemoryModel(TrainingJob job) {
    this.job = job;
  }

  /**
   * The memory of stage {@code stage}'s ranks at their peak. {@code activationBytesPerChunk} is
   * what one micro-batch keeps for backward in each chunk the stage holds; the stage's order is
   * walked to find the most it keeps at once (a forward adds its chunk's, the backward that
   * finishes the micro-batch's gradients in that chunk frees them: a whole backward, or the weight
   * pass after an input-gradient one). {@code lastChunkExtra} is kept on top (the logits).
   */
  StageMemory of(int stage, StageParameterCount count, PipelineSchedule schedule,
      Map<Integer, Double> activationBytesPerChunk, double lastChunkExtra) {
    return of(stage, count.stage(), schedule.replicaStages(stage).size(),
        peakActivationBytes(schedule.order(stage), activationBytesPerChunk) + lastChunkExtra);
  }

  /**
   * The memory of a rank holding {@code params}, each held by {@code replicaStages} stages of dp
   * ranks each (ZeRO shards over all of them), keeping {@code activationBytes} at its peak.
   */
  StageMemory of(int stage, StageParameters params, int replicaStages, double activationBytes) {
    Parallelism p = job.parallelism();
    int zero = job.zeroStage();
    double denseReplicas = (double) p.dp() * replicaStages;
    double expertReplicas = p.dp() / (double) p.ep() * replicaStages;
    double denseShard = zero >= 1 ? denseReplicas : 1;
    double expertShard = zero >= 1 ? expertReplicas : 1;
    double weights = WEIGHT_BYTES * (zero >= 3
        ? params.dense() / denseReplicas + params.expert() / expertReplicas
        : params.total());
    double gradients = GRADIENT_BYTES * (zero >= 2
        ? params.dense() / denseReplicas + params.expert() / expertReplicas
        : params.total());
    double optimizerBytes = MASTER_WEIGHT_BYTES + 2.0 * job.optimizerMomentBytes();
    double optimizer =
        optimizerBytes * (params.dense() / denseShard + params.expert() / expertShard);
    double buffers = 2.0 * job.gradientBucketBytes() + 4.0 * new LayerPlan(job).pipelineBytes();
    if (zero >= 3) {
      weights += 2 * WEIGHT_BYTES * params.total() / Math.max(1, layersOnStage(stage));
    }
    return new StageMemory(stage, weights, gradients, optimizer, activationBytes, buffers);
  }

  /** The most activation bytes kept at once over {@code order}, a forward counted before a pair's
   * backward. Under 1F1B this is min(p - s, m) micro-batches on stage s (PipeDream-Flush), under
   * DualPipe p + 1 chunk passes on every stage (deepseek-ai/DualPipe's table). */
  static double peakActivationBytes(
      List<PipelineSchedule.Slot> order, Map<Integer, Double> bytesPerChunk) {
    double live = 0;
    double peak = 0;
    for (PipelineSchedule.Slot slot : order) {
      for (PipelineSchedule.Pass pass : slot.passes()) {
        double bytes = bytesPerChunk.get(pass.chunk());
        switch (pass.kind()) {
          case FORWARD -> live += bytes;
          case BACKWARD, WEIGHT -> live -= bytes;
          case BACKWARD_INPUT -> { } // the weight-gradient GEMMs still need the inputs
        }
        peak = Math.max(peak, live);
      }
    }
    return peak;
  }

  private int layersOnStage(int stage) {
    int count = 0;
    for (int chunk : job.chunksOf(stage)) {
      int[] range = job.chunkLayers(chunk);
      count += range[1] - range[0];
    }
    return count;
  }

  /** Bytes one layer keeps for backward per micro-batch on one rank. */
  double layerActivationBytes(FeedForward ffn) {
    Parallelism p = job.parallelism();
    double tokens = job.tokensPerRank();
    double h = job.model().hiddenSize();
    int t = p.tp();
    if (job.recomputation() == Recomputation.FULL) {
      return tokens * 2 * h / (p.sequenceParallel() ? t : 1);
    }
    double normOutput = normOutputFactor();
    // 10h outside: the norms' inputs 4h, dropout masks 2h, 2h of the attention's input (a norm
    // output) and 2h more of the block.
    double outside = (8 + 2 * normOutput) * h * (p.sequenceParallel() ? 1.0 / t : 1.0);
    // 34h = 10h outside + 24h inside, of which the FFN is 19h: 5h of attention is inside, 2h of
    // it the input of the output projection.
    double attention = 3 * h + 2 * h * job.activationStorage().attentionOutputFactor();
    double inside = attention + ffnActivationBytesPerToken(ffn);
    double scores = 0;
    if (!job.fusedAttention() && (job.recomputation() == Recomputation.NONE
        || job.recomputation() == Recomputation.NORMS_AND_ACTIVATION)) {
      scores = 5.0 * job.model().attention().heads() * job.sequenceTokens();
    }
    return tokens * (outside + (inside + scores) / t);
  }

  /** A norm's kept output over its bf16 size: 0 when recomputed. */
  private double normOutputFactor() {
    return job.recomputation() == Recomputation.NORMS_AND_ACTIVATION
        ? 0 : job.activationStorage().linearInputFactor();
  }

  /** The FFN's share of a layer's activations per token: 19h for a GPT MLP of width 4h. */
  private double ffnActivationBytesPerToken(FeedForward ffn) {
    double h = job.model().hiddenSize();
    if (ffn instanceof DenseFfn d) {
      return mlpBytes(d.mlp(), h, 1, normOutputFactor());
    }
    MoeFfn moe = (MoeFfn) ffn;
    double load = job.parallelism().ep() == 1 ? 1 : job.expertLoad();
    double shared = moe.sharedMlp().map(m -> mlpBytes(m, h, 1, normOutputFactor())).orElse(0.0);
    // The routed experts' inputs are the dispatched copies, not a norm output: always kept.
    double routed = mlpBytes(moe.routedExpert(), h, moe.expertsPerToken() * load,
        job.activationStorage().linearInputFactor());
    return shared + routed;
  }

  /**
   * Per MLP copy its input 2h (times {@code inputFactor}), the up/gate outputs and the activation
   * output 2w each (in the storage precision; the activation's output not kept when recomputed);
   * the dropout mask h once.
   */
  private double mlpBytes(Mlp mlp, double h, double copies, double inputFactor) {
    double w = mlp.intermediateSize();
    double stored = job.activationStorage().linearInputFactor();
    double activationOutput =
        job.recomputation() == Recomputation.NORMS_AND_ACTIVATION ? 0 : stored;
    return copies * (2 * h * inputFactor + 2 * w * (mlp.activation().matrices() - 1) * stored
        + 2 * w * activationOutput) + h;
  }
}
