package org.supernodesim.workload.training;

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
  private final int stage;

  StageParameterCount(TrainingJob job, int stage) {
    this.job = job;
    this.stage = stage;
  }

  /** True if this stage holds the model's last chunk, and so the head. */
  boolean holdsLastChunk() {
    Parallelism p = job.parallelism();
    return (p.pp() * p.virtualStages() - 1) % p.pp() == stage;
  }

  /** Every parameter of the stage: its layers over all its chunks, the embedding, the head. */
  StageParameters stage() {
    Parallelism p = job.parallelism();
    StageParameters total = new StageParameters(0, 0);
    for (int c = 0; c < p.virtualStages(); c++) {
      int[] range = job.chunkLayers(c * p.pp() + stage);
      for (int layer = range[0]; layer < range[1]; layer++) {
        total = total.plus(layer(layer));
      }
    }
    if (stage == 0) {
      total = total.plus(embedding());
    }
    if (holdsLastChunk()) {
      total = total.plus(head());
    }
    return total;
  }

  /**
   * The parameters the optimizer updates on one rank: all of the stage's without ZeRO; with it, the
   * rank's shard, 1/dp of the dense ones and ep/dp of the experts'.
   */
  double updated() {
    StageParameters params = stage();
    Parallelism p = job.parallelism();
    if (job.zeroStage() == 0) {
      return params.total();
    }
    return params.dense() / p.dp() + params.expert() / (p.dp() / (double) p.ep());
  }

  /** One transformer layer's share. */
  StageParameters layer(int layer) {
    return block(job.model().ffnOfLayer(layer), 0);
  }

  /**
   * One layer's share, and the embedding's with it when the layer is the model's first and this
   * stage holds it: backward finishes the two together.
   */
  StageParameters layerWithEmbedding(int layer) {
    boolean first = stage == 0 && layer == job.chunkLayers(0)[0];
    return first ? layer(layer).plus(embedding()) : layer(layer);
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
    boolean copy = !m.tiedEmbeddings() || stage != 0;
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
