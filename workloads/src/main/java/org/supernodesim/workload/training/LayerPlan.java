package org.supernodesim.workload.training;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.transformer.Attention;
import org.supernodesim.model.transformer.DenseFfn;
import org.supernodesim.model.transformer.FeedForward;
import org.supernodesim.model.transformer.GroupedQueryAttention;
import org.supernodesim.model.transformer.Mlp;
import org.supernodesim.model.transformer.MoeFfn;
import org.supernodesim.model.transformer.MultiHeadLatentAttention;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.training.PassStep.Communicate;
import org.supernodesim.workload.training.PassStep.Compute;
import org.supernodesim.workload.training.PassStep.Group;

/**
 * The kernels and collectives of one layer's forward or backward pass on one rank, for a
 * micro-batch of T = b·s/cp tokens. Matmuls follow the weights of the model spec; memory-bound
 * kernels follow Korthikanti et al. (MLSys 2023, §4.1): per layer the norms read and write 2·T·h
 * bytes each, bias + dropout + residual move 7·T·h, the MLP activation reads and writes its
 * inputs and output, and an unfused softmax + dropout moves 9 bytes per attention score (2 read
 * and 2 written by softmax, 2 + 2 + 1 mask by dropout). Elementwise work outside the
 * tensor-parallel regions is replicated on every tp rank unless sequence parallelism splits it.
 *
 * <p>Backward runs each forward kernel's two gradient GEMMs (2× the flops) and twice its memory
 * traffic, and the same collectives in reverse order.
 */
final class LayerPlan {
  private final TrainingJob job;
  private final long h;
  private final long tokens;
  private final int tp;
  private final double replicated;
  private final Precision precision;

  LayerPlan(TrainingJob job) {
    this.job = job;
    this.h = job.model().hiddenSize();
    this.tokens = job.tokensPerRank();
    this.tp = job.parallelism().tp();
    this.replicated = job.parallelism().sequenceParallel() ? 1.0 / tp : 1.0;
    this.precision = job.precision();
  }

  /** Forward of a layer whose FFN is {@code ffn}. */
  List<PassStep> forward(FeedForward ffn, String label) {
    List<PassStep> steps = new ArrayList<>();
    Attention attention = job.model().attention();
    List<Kernel> projections = new ArrayList<>();
    projections.add(Kernel.elementwise(4.0 * tokens * h * replicated));
    long projectionWidth = Math.max(1, attention.projectionWeights(h) / (h * tp));
    projections.add(Kernel.matmul(1, tokens, projectionWidth, h, precision));
    List<Kernel> core = attentionCore();
    core.add(Kernel.elementwise(7.0 * tokens * h * replicated));
    if (job.parallelism().cp() > 1) {
      steps.add(new Compute(label + " qkv", projections));
      steps.add(new Communicate(label + " kv all-gather", CollectiveKind.ALL_GATHER,
          Group.CONTEXT, keyValueBytes() * job.parallelism().cp()));
      steps.add(new Compute(label + " attention", core));
    } else {
      projections.addAll(core);
      steps.add(new Compute(label + " attention", projections));
    }
    tensorCollective(steps, label + " attention");
    if (ffn instanceof DenseFfn dense) {
      List<Kernel> mlp = new ArrayList<>();
      mlp.add(Kernel.elementwise(4.0 * tokens * h * replicated));
      mlp.addAll(mlpKernels(dense.mlp(), 1, tokens));
      mlp.add(Kernel.elementwise(7.0 * tokens * h * replicated));
      steps.add(new Compute(label + " mlp", mlp));
      tensorCollective(steps, label + " mlp");
    } else if (ffn instanceof MoeFfn moe) {
      moeForward(moe, label, steps);
    }
    return steps;
  }

  private void moeForward(MoeFfn moe, String label, List<PassStep> steps) {
    int ep = job.parallelism().ep();
    int k = moe.expertsPerToken();
    List<Kernel> gate = new ArrayList<>();
    gate.add(Kernel.elementwise(4.0 * tokens * h * replicated));
    gate.add(Kernel.matmul(1, tokens, moe.routedExperts(), h, precision));
    moe.sharedMlp().ifPresent(m -> gate.addAll(mlpKernels(m, 1, tokens)));
    gate.add(Kernel.elementwise(4.0 * tokens * k * h / tp)); // permute: k copies of each token
    steps.add(new Compute(label + " router", gate));
    // With one expert rank every expert is local and evenly fed; else the busiest rank sets the
    // pace of both the expert GEMMs and the all-to-alls.
    double load = ep == 1 ? 1.0 : job.expertLoad();
    long pairs = Math.round(tokens * k * load);
    // Each tp rank dispatches its 1/tp share of the tokens (Megatron-Core's all-to-all dispatcher
    // runs MoE with sequence parallelism), so the tp ranks together send every token once.
    double sent = tokens * k * h * load / tp;
    long dispatchBytes = Math.round(sent) * precision.bytesPerElement();
    long combineBytes = Math.round(sent) * 2;
    if (ep > 1) {
      steps.add(new Communicate(label + " dispatch", CollectiveKind.ALL_TO_ALL, Group.EXPERT,
          dispatchBytes));
    }
    int localExperts = moe.routedExperts() / ep;
    long perExpert = Math.max(1, pairs / localExperts);
    List<Kernel> experts = new ArrayList<>(mlpKernels(moe.routedExpert(), localExperts, perExpert));
    steps.add(new Compute(label + " experts", experts));
    if (ep > 1) {
      steps.add(new Communicate(label + " combine", CollectiveKind.ALL_TO_ALL, Group.EXPERT,
          combineBytes));
    }
    steps.add(new Compute(label + " unpermute", List.of(
        Kernel.elementwise(4.0 * tokens * k * h / tp + 7.0 * tokens * h * replicated))));
    tensorCollective(steps, label + " moe");
  }

  /** Up (and gate) projection, activation, down projection, over {@code batch} equal MLPs. */
  private List<Kernel> mlpKernels(Mlp mlp, long batch, long rows) {
    long width = Math.max(1, mlp.intermediateSize() / tp);
    int matrices = mlp.activation().matrices();
    List<Kernel> kernels = new ArrayList<>();
    kernels.add(Kernel.matmul(batch, rows, (matrices - 1) * width, h, precision));
    kernels.add(Kernel.elementwise(2.0 * batch * rows * width * matrices));
    kernels.add(Kernel.matmul(batch, rows, h, width, precision));
    return kernels;
  }

  /**
   * QKᵀ, softmax and the weighted sum of values. Executed flops count every query against the
   * full sequence when unfused (the masked half is computed and discarded), half of it when fused
   * (FlashAttention skips masked blocks).
   */
  private List<Kernel> attentionCore() {
    Attention attention = job.model().attention();
    double flops =
        (double) tokens * job.sequenceTokens() * attention.scoreAndContextFlopsPerAttendedToken()
            / tp;
    long headDim = headDimension(attention);
    List<Kernel> kernels = new ArrayList<>();
    if (job.fusedAttention()) {
      double bytes = 4.0 * tokens * attention.heads() * headDim * 2 / tp;
      kernels.add(new Kernel(Kernel.Kind.FUSED_ATTENTION, flops / 2, bytes, headDim, precision));
    } else {
      double scores =
          (double) job.microBatchSequences() * attention.heads() / tp
              * (job.sequenceTokens() / (double) job.parallelism().cp()) * job.sequenceTokens();
      kernels.add(new Kernel(Kernel.Kind.MATMUL, flops, 4.0 * tokens * h * 2 / tp, headDim,
          precision));
      kernels.add(Kernel.elementwise(9.0 * scores));
    }
    return kernels;
  }

  /** The attention core again, for selective recomputation in backward. */
  List<Kernel> attentionCoreRecompute() {
    return attentionCore();
  }

  private static long headDimension(Attention attention) {
    if (attention instanceof GroupedQueryAttention g) {
      return g.headDim();
    }
    MultiHeadLatentAttention m = (MultiHeadLatentAttention) attention;
    return m.vHeadDim();
  }

  /** K and V of this rank's tokens, as context parallelism exchanges them. */
  private long keyValueBytes() {
    Attention attention = job.model().attention();
    long elements = attention.kvCacheElementsPerToken();
    return tokens * elements / tp * 2;
  }

  /**
   * The tensor-parallel exchange after a block: an all-reduce of the block's T·h output, or with
   * sequence parallelism a reduce-scatter and an all-gather of it.
   */
  private void tensorCollective(List<PassStep> steps, String label) {
    if (tp == 1) {
      return;
    }
    long bytes = tokens * h * 2;
    if (job.parallelism().sequenceParallel()) {
      steps.add(new Communicate(label + " reduce-scatter", CollectiveKind.REDUCE_SCATTER,
          Group.TENSOR, bytes));
      steps.add(new Communicate(label + " all-gather", CollectiveKind.ALL_GATHER, Group.TENSOR,
          bytes));
    } else {
      steps.add(new Communicate(label + " all-reduce", CollectiveKind.ALL_REDUCE, Group.TENSOR,
          bytes));
    }
  }

  /**
   * Backward: the forward steps reversed, each compute with 2× flops and 2× memory traffic;
   * selective recomputation first reruns the attention core, norms-activation every memory-bound
   * forward kernel of the block (its norm and activation, and the residual and permute kernels
   * beside them: a small over-count of bytes).
   */
  List<PassStep> backward(List<PassStep> forward, Recomputation recomputation) {
    boolean selective = recomputation == Recomputation.SELECTIVE;
    boolean memoryBound = recomputation == Recomputation.NORMS_AND_ACTIVATION;
    List<PassStep> steps = new ArrayList<>(forward.size());
    for (int i = forward.size() - 1; i >= 0; i--) {
      PassStep s = forward.get(i);
      if (s instanceof Compute c) {
        List<Kernel> kernels = new ArrayList<>();
        if (selective && c.name().endsWith(" attention")) {
          kernels.addAll(attentionCoreRecompute());
        }
        if (memoryBound) {
          c.kernels().stream().filter(k -> k.kind() == Kernel.Kind.ELEMENTWISE)
              .forEach(kernels::add);
        }
        for (Kernel k : c.kernels()) {
          kernels.add(new Kernel(k.kind(), 2 * k.flops(), 2 * k.bytes(), k.smallestDimension(),
              k.precision()));
        }
        steps.add(new Compute(c.name() + " backward", kernels));
      } else if (s instanceof Communicate m) {
        CollectiveKind reverse =
            switch (m.kind()) {
              case ALL_GATHER -> CollectiveKind.REDUCE_SCATTER;
              case REDUCE_SCATTER -> CollectiveKind.ALL_GATHER;
              default -> m.kind();
            };
        steps.add(new Communicate(m.name() + " backward", reverse, m.group(), m.bytes()));
      }
    }
    return steps;
  }

  /** Embedding lookup of the first chunk: read a row and write it, per token. */
  List<Kernel> embedding() {
    return List.of(Kernel.elementwise(4.0 * tokens * h * replicated));
  }

  /**
   * The output head and loss of the last chunk: logits T x V/tp, and a fused cross-entropy that
   * reads and writes them in fp32 (about 10 bytes per logit).
   */
  List<Kernel> head() {
    long vocab = job.model().vocabSize() / tp;
    return List.of(
        Kernel.elementwise(4.0 * tokens * h * replicated),
        Kernel.matmul(1, tokens, vocab, h, precision),
        Kernel.elementwise(10.0 * tokens * vocab));
  }

  /** An MTP module's own work before its block: two norms and the 2h x h projection. */
  List<Kernel> mtpProjection() {
    return List.of(
        Kernel.elementwise(8.0 * tokens * h * replicated),
        Kernel.matmul(1, tokens, Math.max(1, h / tp), 2 * h, precision));
  }

  /** Activation bytes sent between pipeline stages per micro-batch (Megatron's scatter/gather). */
  long pipelineBytes() {
    return tokens * h * 2 / tp;
  }
}
