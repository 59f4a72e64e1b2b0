package org.supernodesim.workload.training;

import java.util.List;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.transformer.MoeFfn;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.sharding.ShardingRules;
import org.supernodesim.workload.training.LayoutException.Parameter;

/**
 * One training step to simulate: a model, its layout, the batch and the choices that change its
 * cost. Validated here, so that every layout error is a {@link LayoutException} naming its parameter.
 *
 * @param model the transformer
 * @param parallelism the layout
 * @param zeroStage ZeRO stage (Rajbhandari et al., SC'20): 0 replicated, 1 optimizer states
 *     sharded over dp, 2 gradients too, 3 parameters too (gathered layer by layer)
 * @param sequenceTokens tokens per sequence
 * @param globalBatchSequences sequences per step over all replicas
 * @param microBatchSequences sequences per micro-batch
 * @param recomputation activation recomputation
 * @param precision the matmul arithmetic (BF16, FP16 or FP8)
 * @param fusedAttention FlashAttention-style kernels (scores never reach HBM); false is the
 *     unfused softmax of Megatron-LM in 2021
 * @param overlapGradientReduce start each gradient bucket's reduction as soon as its layers'
 *     last backward is done, overlapping the rest of backward; false reduces after backward
 * @param gradientBucketBytes gradient bytes per bucket
 * @param gradientReduceBytesPerElement 2 (reduce in bf16/fp16) or 4 (in fp32)
 * @param expertLoad load of the busiest expert rank over the mean: a capacity factor (tokens are
 *     padded to it) or a measured imbalance, >= 1; scales expert compute and all-to-all bytes
 * @param stageLayers layers of each pipeline chunk in order, or empty for an even split
 * @param activationStorage precision of the activations kept for backward (FP8 needs FP8 GEMMs,
 *     whose quantised inputs are what is cached)
 * @param optimizerMomentBytes bytes per element of Adam's first and second moments: 4 (fp32) or
 *     2 (bf16, as DeepSeek-V3 §3.3.4); master weights stay fp32
 * @param schedule the pipeline schedule
 * @param overlapForwardBackward run a forward and a backward of two micro-batches together, so
 *     that each one's communication proceeds while the other computes: DualPipe's chunk pairs, or
 *     under 1F1B Megatron-Core's expert-parallel all-to-all overlap
 * @param expertLoads how the tokens spread over the expert-parallel ranks, the busiest carrying
 *     {@code expertLoad}: evenly, drawn per layer from the scenario's seed, or per expert as given
 */
public record TrainingJob(
    TransformerSpec model,
    Parallelism parallelism,
    int zeroStage,
    int sequenceTokens,
    int globalBatchSequences,
    int microBatchSequences,
    Recomputation recomputation,
    Precision precision,
    boolean fusedAttention,
    boolean overlapGradientReduce,
    long gradientBucketBytes,
    int gradientReduceBytesPerElement,
    double expertLoad,
    List<Integer> stageLayers,
    ActivationStorage activationStorage,
    int optimizerMomentBytes,
    Schedule schedule,
    boolean overlapForwardBackward,
    ExpertLoads expertLoads) {

  /** A job whose expert ranks all carry {@code expertLoad} (a capacity factor's padding). */
  public TrainingJob(TransformerSpec model, Parallelism parallelism, int zeroStage,
      int sequenceTokens, int globalBatchSequences, int microBatchSequences,
      Recomputation recomputation, Precision precision, boolean fusedAttention,
      boolean overlapGradientReduce, long gradientBucketBytes, int gradientReduceBytesPerElement,
      double expertLoad, List<Integer> stageLayers, ActivationStorage activationStorage,
      int optimizerMomentBytes, Schedule schedule, boolean overlapForwardBackward) {
    this(model, parallelism, zeroStage, sequenceTokens, globalBatchSequences, microBatchSequences,
        recomputation, precision, fusedAttention, overlapGradientReduce, gradientBucketBytes,
        gradientReduceBytesPerElement, expertLoad, stageLayers, activationStorage,
        optimizerMomentBytes, schedule, overlapForwardBackward, new ExpertLoads.Even());
  }

  /** A job under plain 1F1B (interleaved with virtual stages). */
  public TrainingJob(TransformerSpec model, Parallelism parallelism, int zeroStage,
      int sequenceTokens, int globalBatchSequences, int microBatchSequences,
      Recomputation recomputation, Precision precision, boolean fusedAttention,
      boolean overlapGradientReduce, long gradientBucketBytes, int gradientReduceBytesPerElement,
      double expertLoad, List<Integer> stageLayers, ActivationStorage activationStorage,
      int optimizerMomentBytes) {
    this(model, parallelism, zeroStage, sequenceTokens, globalBatchSequences, microBatchSequences,
        recomputation, precision, fusedAttention, overlapGradientReduce, gradientBucketBytes,
        gradientReduceBytesPerElement, expertLoad, stageLayers, activationStorage,
        optimizerMomentBytes, Schedule.ONE_F_ONE_B, false);
  }

  /** A job with bf16 activations and fp32 Adam moments. */
  public TrainingJob(TransformerSpec model, Parallelism parallelism, int zeroStage,
      int sequenceTokens, int globalBatchSequences, int microBatchSequences,
      Recomputation recomputation, Precision precision, boolean fusedAttention,
      boolean overlapGradientReduce, long gradientBucketBytes, int gradientReduceBytesPerElement,
      double expertLoad, List<Integer> stageLayers) {
    this(model, parallelism, zeroStage, sequenceTokens, globalBatchSequences, microBatchSequences,
        recomputation, precision, fusedAttention, overlapGradientReduce, gradientBucketBytes,
        gradientReduceBytesPerElement, expertLoad, stageLayers, ActivationStorage.BF16, 4,
        Schedule.ONE_F_ONE_B, false);
  }

  public TrainingJob {
    stageLayers = List.copyOf(stageLayers);
    Parallelism p = parallelism;
    LayoutException.require(zeroStage >= 0 && zeroStage <= 3, Parameter.ZERO_STAGE,
        zeroStage + "; ZeRO stages are 0, 1, 2 and 3");
    LayoutException.require(sequenceTokens >= 1, Parameter.SEQUENCE, sequenceTokens + "; must be >= 1");
    LayoutException.require(microBatchSequences >= 1, Parameter.MICRO_BATCH,
        microBatchSequences + "; must be >= 1");
    LayoutException.require(globalBatchSequences % ((long) p.dp() * microBatchSequences) == 0,
        Parameter.GLOBAL_BATCH, globalBatchSequences + " sequences do not split into dp = " + p.dp()
            + " replicas of whole micro-batches of " + microBatchSequences);
    LayoutException.require(precision != Precision.INT8, Parameter.PRECISION,
        "int8 is not a training precision; valid: bf16, fp16, fp8");
    LayoutException.require(activationStorage != ActivationStorage.FP8
            || precision == Precision.FP8, Parameter.ACTIVATION_STORAGE,
        "fp8 caches the fp8-quantised inputs of fp8 GEMMs, so it needs fp8 GEMMs (they are "
            + precision.label() + "); valid here: bf16");
    LayoutException.require(optimizerMomentBytes == 2 || optimizerMomentBytes == 4,
        Parameter.OPTIMIZER_MOMENTS, "Adam's moments are kept in 4 (fp32) or 2 (bf16) bytes");
    LayoutException.require(gradientBucketBytes > 0, Parameter.GRADIENT_BUCKET, "must be > 0 bytes");
    LayoutException.require(gradientReduceBytesPerElement == 2 || gradientReduceBytesPerElement == 4,
        Parameter.GRADIENT_REDUCE_PRECISION, "gradients are reduced in 2 or 4 bytes per element");
    LayoutException.require(expertLoad >= 1, Parameter.EXPERT_LOAD,
        expertLoad + "; the busiest expert rank carries at least the mean load (>= 1)");
    checkExpertLoads(expertLoads, expertLoad, model, p.ep());
    ShardingRules.tensorParallel(model, p.tp()).ifPresent(problem -> {
      throw new LayoutException(Parameter.TP, problem);
    });
    LayoutException.require(sequenceTokens % p.cp() == 0, Parameter.CP,
        p.cp() + " does not divide the sequence of " + sequenceTokens + " tokens");
    LayoutException.require(!p.sequenceParallel() || sequenceTokens % p.tp() == 0,
        Parameter.SEQUENCE_PARALLEL, "sequence parallelism needs tp = " + p.tp()
            + " to divide the sequence of " + sequenceTokens);
    ShardingRules.expertParallel(model, p.ep()).ifPresent(problem -> {
      throw new LayoutException(Parameter.EP, problem);
    });
    int chunks = p.pp() * p.virtualStages();
    if (stageLayers.isEmpty()) {
      LayoutException.require(model.layers() % chunks == 0, Parameter.PP,
          model.layers() + " layers of " + model.id() + " do not split evenly into pp x"
              + " virtualStages = " + chunks + " chunks; give stageLayers to split unevenly");
    } else {
      checkStageLayers(stageLayers, chunks, model);
    }
    int m = microBatches(globalBatchSequences, p, microBatchSequences);
    if (p.virtualStages() > 1) {
      LayoutException.require(m % p.pp() == 0, Parameter.MICRO_BATCH,
          "the interleaved schedule needs the " + m + " micro-batches per replica to be a"
              + " multiple of pp = " + p.pp());
    }
    if (schedule == Schedule.DUALPIPE) {
      checkDualPipe(p, m);
    }
    // With one chunk per stage, a pair waiting for both inputs waits for the next stage's whole
    // pair, which waited for this stage's last forward: the pipeline would run at half speed.
    LayoutException.require(!overlapForwardBackward || schedule != Schedule.ONE_F_ONE_B
            || p.pp() == 1 || p.virtualStages() > 1, Parameter.OVERLAP_FORWARD_BACKWARD,
        "under 1f1b with pp = " + p.pp() + " the overlap needs virtualStages > 1, as"
            + " Megatron-Core's combined 1F1B does; give parallelism.virtualStages, or schedule:"
            + " dualpipe");
  }

  /**
   * Every chunk holds at least one layer, except that the first may hold the embedding alone and
   * the last the output head alone (Llama 3, arXiv 2407.21783 §3.3.2, balances its pipeline so).
   */
  private static void checkStageLayers(List<Integer> stageLayers, int chunks,
      TransformerSpec model) {
    LayoutException.require(stageLayers.size() == chunks, Parameter.STAGE_LAYERS,
        stageLayers.size() + " entries; there are pp x virtualStages = " + chunks + " chunks");
    int sum = 0;
    for (int c = 0; c < chunks; c++) {
      int n = stageLayers.get(c);
      boolean end = c == 0 || c == chunks - 1;
      LayoutException.require(n >= 1 || (n == 0 && end), Parameter.STAGE_LAYERS,
          "entry " + c + " is " + n + "; every chunk needs a layer, but the first (embedding) and"
              + " the last (output head) may have 0");
      sum += n;
    }
    LayoutException.require(sum == model.layers(), Parameter.STAGE_LAYERS,
        "they sum to " + sum + ", not the " + model.layers() + " layers of " + model.id());
  }

  /**
   * A drawn load leaves the other ranks something (expertLoad <= ep); a per-expert load names
   * every routed expert and its busiest rank is the expertLoad the job is charged.
   */
  private static void checkExpertLoads(
      ExpertLoads loads, double expertLoad, TransformerSpec model, int ep) {
    if (loads instanceof ExpertLoads.Drawn) {
      LayoutException.require(expertLoad <= Math.max(1, ep), Parameter.EXPERT_LOAD,
          expertLoad + "; the busiest of ep = " + ep + " expert ranks carries at most all the"
              + " tokens, ep times the mean");
    } else if (loads instanceof ExpertLoads.PerExpert given) {
      int experts = routedExperts(model);
      LayoutException.require(given.loads().size() == experts, Parameter.EXPERT_LOADS,
          given.loads().size() + " per-expert loads; " + model.id() + " has " + experts
              + " routed experts per MoE layer");
      LayoutException.require(Math.abs(given.busiest(ep) - expertLoad) <= 1e-9 * expertLoad,
          Parameter.EXPERT_LOADS, expertLoad + " is not the busiest rank's load of the per-expert"
              + " loads given, " + given.busiest(ep));
    }
  }

  /** The routed experts of the model's MoE layers, 0 for a dense model. */
  static int routedExperts(TransformerSpec model) {
    for (int layer = 0; layer < model.layers(); layer++) {
      if (model.ffnOfLayer(layer) instanceof MoeFfn moe) {
        return moe.routedExperts();
      }
    }
    return 0;
  }

  /** DualPipe's conditions (deepseek-ai/DualPipe): two halves, and each direction fills them. */
  private static void checkDualPipe(Parallelism p, int microBatches) {
    LayoutException.require(p.pp() >= 2 && p.pp() % 2 == 0, Parameter.PP,
        p.pp() + "; DualPipe needs an even number of pipeline stages, at least 2");
    LayoutException.require(p.virtualStages() == 1, Parameter.VIRTUAL_STAGES,
        p.virtualStages() + "; DualPipe places two chunks per stage itself: virtualStages must be"
            + " 1");
    LayoutException.require(microBatches % 2 == 0 && microBatches >= 2 * p.pp(),
        Parameter.GLOBAL_BATCH, "DualPipe needs an even number of micro-batches per replica, at"
            + " least 2 x pp = " + 2 * p.pp() + "; there are " + microBatches);
  }

  private static int microBatches(int global, Parallelism p, int micro) {
    return global / (p.dp() * micro);
  }

  /** Micro-batches each replica runs per step (gradient accumulation steps). */
  public int microBatches() {
    return microBatches(globalBatchSequences, parallelism, microBatchSequences);
  }

  /** The first layer and one past the last of pipeline chunk {@code chunk} (0..pp·v-1). */
  public int[] chunkLayers(int chunk) {
    int chunks = parallelism.pp() * parallelism.virtualStages();
    if (stageLayers.isEmpty()) {
      int per = model.layers() / chunks;
      return new int[] {chunk * per, (chunk + 1) * per};
    }
    int start = 0;
    for (int c = 0; c < chunk; c++) {
      start += stageLayers.get(c);
    }
    return new int[] {start, start + stageLayers.get(chunk)};
  }

  /** The model chunks pipeline stage {@code stage} holds, as its schedule places them. */
  public List<Integer> chunksOf(int stage) {
    return PipelineSchedule.of(this).chunksOf(stage);
  }

  /** Model chunks over all stages: pp·v. */
  public int chunks() {
    return parallelism.pp() * parallelism.virtualStages();
  }

  /** Tokens one rank holds per micro-batch: b·s/cp. */
  public long tokensPerRank() {
    return (long) microBatchSequences * sequenceTokens / parallelism.cp();
  }
}
