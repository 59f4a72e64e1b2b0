package org.supernodesim.workload.training;

import java.util.List;
import org.supernodesim.model.transformer.DenseFfn;
import org.supernodesim.model.transformer.FeedForward;
import org.supernodesim.model.transformer.MoeFfn;
import org.supernodesim.model.transformer.TransformerSpec;

/**
 * The parameters one rank of a pipeline stage holds, by part: each layer, the embedding (stage 0),
 * the head (the stage holding the last chunk), and their sum. Dense parameters are split over tp;
 * routed experts over ep and tp (Megatron-LM's placement). What the step generator sizes its
 * gradient reductions, parameter gathers and optimizer step with, and the memory model its weights,
 * gradients and optimizer states.
 *
 * <p>Worked example: a GPT layer of h = 8192 has 12 h² + 13 h = 805.4 M parameters (attention 4 h²
 * + 4 h, MLP 8 h² + 5 h, two norms 2 h each); at tp 8 a rank holds 100.7 M of them.
 */
final class StageParameterCount {
  private final TrainingJob job;
  private final List<Integer> chunks;
  private final int replicaStages;

  StageParameterCount(TrainingJob job, PipelineSchedule schedule, int stage) {
    this.job = job;
    this.chunks = schedule.chunksOf(stage);
    this.replicaStages = schedule.replicaStages(stage).size();
  }

  /** True if this stage holds the model's last chunk, and so the head. */
  boolean holdsLastChunk() {
    return chunks.contains(job.chunks() - 1);
  }

  /** True if this stage holds the model's first chunk, and so the embedding. */
  boolean holdsFirstChunk() {
    return chunks.contains(0);
  }

  /** Every parameter of the stage: its layers over all its chunks, the embedding, the head. */
  StageParameters stage() {
    StageParameters total = new StageParameters(0, 0);
    for (int chunk : chunks) {
      int[] range = job.chunkLayers(chunk);
      for (int layer = range[0]; layer < range[1]; layer++) {
        total = total.plus(layer(layer));
      }
    }
    if (holdsFirstChunk()) {
      total = total.plus(embedding());
    }
    if (holdsLastChunk()) {
      total = total.plus(head());
    }
    return total;
  }

  /**
   * The parameters the optimizer updates on one rank: all of the stage's without ZeRO; with it, the
   * rank's shard, 1/dp of the dense ones and ep/dp of the experts' (over r times as many ranks
   * when r stages hold the same chunks, as under DualPipe).
   */
  double updated() {
    StageParameters params = stage();
    if (job.zeroStage() == 0) {
      return params.total();
    }
    Parallelism p = job.parallelism();
    return params.dense() / ((double) p.dp() * replicaStages)
        + params.expert() / (p.dp() / (double) p.ep() * replicaStages);
  }

  /** One transformer layer's share. */
  StageParameters layer(int layer) {
    return block(job.model().ffnOfLayer(layer), 0);
  }

  /** The token (and learnt position) embedding's share. */
  StageParameters embedding() {
    TransformerSpec m = job.model();
    long h = m.hiddenSize();
    return new StageParameters(
        (m.vocabSize() * h + m.positions().parameters(h)) / (double) job.parallelism().tp(), 0);
  }

  /**
   * The head: its own matrix, or with tied embeddings on a later stage Megatron's copy of the
   * embedding; the final norm; the MTP modules.
   */
  StageParameters head() {
    TransformerSpec m = job.model();
    long h = m.hiddenSize();
    boolean copy = !m.tiedEmbeddings() || !holdsFirstChunk();
    double head = (copy ? m.vocabSize() * h : 0) + m.normParameters();
    StageParameters total = new StageParameters(head / job.parallelism().tp(), 0);
    for (int i = 0; i < m.mtpModules(); i++) {
      total = total.plus(block(m.mtpFfn(), 2.0 * h * h + 3 * m.normParameters()));
    }
    return total;
  }

  private StageParameters block(FeedForward ffn, double extraDense) {
    TransformerSpec m = job.model();
    long h = m.hiddenSize();
    Parallelism p = job.parallelism();
    double dense = m.attention().parameters(h) + 2 * m.normParameters() + extraDense;
    double expert = 0;
    if (ffn instanceof DenseFfn d) {
      dense += d.parameters(h);
    } else if (ffn instanceof MoeFfn moe) {
      dense += moe.routerParameters(h) + moe.sharedMlp().map(x -> x.parameters(h)).orElse(0L);
      expert = (double) moe.routedExperts() * moe.routedExpert().parameters(h) / p.ep();
    }
    return new StageParameters(dense / p.tp(), expert / p.tp());
  }
}
