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
import org.supernodesim.workload.training.PassStep.Gradient;
import org.supernodesim.workload.training.PassStep.Group;
import org.supernodesim.workload.training.PassStep.Ring;

/**
 * The kernels and collectives of one layer's forward or backward pass on one rank, for a
 * micro-batch of T = b·s/cp tokens. Matmuls follow the weights of the model spec; memory-bound
 * kernels follow Korthikanti et al. (MLSys 2023, §4.1): per layer the norms read and write 2·T·h
 * bytes each, bias + dropout + residual move 7·T·h, the MLP activation reads and writes its inputs
 * and output, and an unfused softmax + dropout moves 9 bytes per attention score (2 read and 2
 * written by softmax, 2 + 2 + 1 mask by dropout). Elementwise work outside the tensor-parallel
 * regions is replicated on every tp rank unless sequence parallelism splits it.
 *
 * <p>Attention runs what its kernels execute, which is not what papers count: an unfused kernel
 * computes every query against all s keys (the masked half is computed and discarded), a fused
 * causal kernel about half of them (FlashAttention skips masked blocks; its benchmarks count s/2
 * per query, the count the fused-attention calibration was measured with). Context parallelism runs
 * ring attention: cp blocks per pass, each a 1/cp share of the rank's work (Megatron-Core splits
 * the sequence into 2·cp chunks, rank i holding chunks i and 2cp-1-i, so causal blocks are equal),
 * while the next block's keys and values travel.
 *
 * <p>Backward runs each forward kernel's gradients as {@link Gradient} says: a weight GEMM's input-
 * and weight-gradient GEMMs (2x the flops), unfused attention's 2x, fused attention's 2.5x,
 * memory-bound kernels' 2x traffic; and the same collectives in reverse order. A backward can leave
 * its weight-gradient GEMMs to a later pass (zero-bubble schedules).
 */
final class LayerPlan {
  private final TrainingJob job;
  private final long h;
  private final long tokens;
  private final int tp;
  private final int cp;
  private final double replicated;
  private final Precision precision;

  LayerPlan(TrainingJob job) {
    this.job = job;
    this.h = job.model().hiddenSize();
    this.tokens = job.tokensPerRank();
    this.tp = job.parallelism().tp();
    this.cp = job.parallelism().cp();
    this.replicated = job.parallelism().sequenceParallel() ? 1.0 / tp : 1.0;
    this.precision = job.precision();
  }

  /** Kernels with their gradients, gathered in order. */
  private static final class Work {
    private final List<Kernel> kernels = new ArrayList<>();
    private final List<Gradient> gradients = new ArrayList<>();

    Work weighted(Kernel k) {
      return add(k, Gradient.WEIGHTED);
    }

    Work memory(double bytes) {
      return add(Kernel.elementwise(bytes), Gradient.MEMORY);
    }

    Work add(Kernel k, Gradient g) {
      kernels.add(k);
      gradients.add(g);
      return this;
    }

    Work addAll(Work other) {
      kernels.addAll(other.kernels);
      gradients.addAll(other.gradients);
      return this;
    }

    Compute named(String name) {
      return new Compute(name, kernels, gradients);
    }
  }

  /**
   * Forward of a layer whose FFN is {@code ffn}: {@code layer} indexes the model's layers, then its
   * MTP modules (what a drawn expert load is drawn for).
   */
  List<PassStep> forward(FeedForward ffn, int layer, String label) {
    List<PassStep> steps = new ArrayList<>();
    Attention attention = job.model().attention();
    Work projections = new Work().memory(4.0 * tokens * h * replicated);
    long projectionWidth = Math.max(1, attention.projectionWeights(h) / (h * tp));
    projections.weighted(Kernel.matmul(1, tokens, projectionWidth, h, precision));
    Work out = new Work().memory(7.0 * tokens * h * replicated);
    if (cp > 1) {
      steps.add(projections.named(label + " qkv"));
      steps.add(
          new Ring(
              label + " attention",
              attentionCore(cp).named(label + " attention"),
              keyValueBytes(),
              cp));
      steps.add(out.named(label + " attention out"));
    } else {
      steps.add(projections.addAll(attentionCore(1)).addAll(out).named(label + " attention"));
    }
    tensorCollective(steps, label + " attention");
    if (ffn instanceof DenseFfn dense) {
      Work mlp = new Work().memory(4.0 * tokens * h * replicated);
      mlp.addAll(mlpKernels(dense.mlp(), 1, tokens));
      mlp.memory(7.0 * tokens * h * replicated);
      steps.add(mlp.named(label + " mlp"));
      tensorCollective(steps, label + " mlp");
    } else if (ffn instanceof MoeFfn moe) {
      moeForward(moe, layer, label, steps);
    }
    return steps;
  }

  private void moeForward(MoeFfn moe, int layer, String label, List<PassStep> steps) {
    int ep = job.parallelism().ep();
    int k = moe.expertsPerToken();
    Work gate = new Work().memory(4.0 * tokens * h * replicated);
    gate.weighted(Kernel.matmul(1, tokens, moe.routedExperts(), h, precision));
    moe.sharedMlp().ifPresent(m -> gate.addAll(mlpKernels(m, 1, tokens)));
    gate.memory(4.0 * tokens * k * h / tp); // permute: k copies of each token
    steps.add(gate.named(label + " router"));
    // With one expert rank every expert is local and evenly fed; else the busiest rank sets the
    // pace of both the expert GEMMs and the all-to-alls.
    double load = ep == 1 ? 1.0 : job.expertLoad();
    long pairs = Math.round(tokens * k * load);
    // Each tp rank dispatches its 1/tp share of the tokens (Megatron-Core's all-to-all dispatcher
    // runs MoE with sequence parallelism), so the tp ranks together send every token once.
    double sent = tokens * k * h * load / tp;
    long dispatchBytes = Math.round(sent) * precision.bytesPerElement();
    long combineBytes = Math.round(sent) * 2;
    // Per expert rank, the tokens it receives (dispatch) and sends back (combine); none when every
    // rank carries the same.
    double[] loads = job.expertLoads().rankLoads(layer, ep, load);
    List<Long> received = rankBytes(loads, tokens * k * h / (double) tp, precision.bytesPerElement());
    List<Long> returned = rankBytes(loads, tokens * k * h / (double) tp, 2);
    if (ep > 1) {
      steps.add(
          new Communicate(
              label + " dispatch", CollectiveKind.ALL_TO_ALL, Group.EXPERT,
              received.isEmpty() ? dispatchBytes : mean(received), List.of(),
              received));
    }
    int localExperts = moe.routedExperts() / ep;
    long perExpert = Math.max(1, pairs / localExperts);
    steps.add(mlpKernels(moe.routedExpert(), localExperts, perExpert).named(label + " experts"));
    if (ep > 1) {
      steps.add(
          new Communicate(
              label + " combine", CollectiveKind.ALL_TO_ALL, Group.EXPERT,
              returned.isEmpty() ? combineBytes : mean(returned), returned,
              List.of()));
    }
    steps.add(
        new Work()
            .memory(4.0 * tokens * k * h / tp + 7.0 * tokens * h * replicated)
            .named(label + " unpermute"));
    tensorCollective(steps, label + " moe");
  }

  /**
   * Each rank's {@code meanElements} times its load, in {@code bytesPerElement}; empty for no
   * loads. Rounded per rank as the even case rounds its one figure.
   */
  private static List<Long> rankBytes(double[] loads, double meanElements, int bytesPerElement) {
    List<Long> out = new ArrayList<>(loads.length);
    for (double l : loads) {
      out.add(Math.round(meanElements * l) * bytesPerElement);
    }
    return out;
  }

  private static long mean(List<Long> bytes) {
    return Math.round(bytes.stream().mapToLong(Long::longValue).average().orElse(0));
  }

  /** Up (and gate) projection, activation, down projection, over {@code batch} equal MLPs. */
  private Work mlpKernels(Mlp mlp, long batch, long rows) {
    long width = Math.max(1, mlp.intermediateSize() / tp);
    int matrices = mlp.activation().matrices();
    return new Work()
        .weighted(Kernel.matmul(batch, rows, (matrices - 1) * width, h, precision))
        .memory(2.0 * batch * rows * width * matrices)
        .weighted(Kernel.matmul(batch, rows, h, width, precision));
  }

  /**
   * QKᵀ, softmax and the weighted sum of values, as one of {@code blocks} equal blocks. Executed
   * flops count every query against the full sequence when unfused (the masked half is computed and
   * discarded), half of it when fused (FlashAttention skips masked blocks). A fused block reads its
   * queries and the block's keys and values and writes its output again, so each block moves what
   * the whole attention would.
   */
  private Work attentionCore(int blocks) {
    Attention attention = job.model().attention();
    double flops =
        (double) tokens
            * job.sequenceTokens()
            * attention.scoreAndContextFlopsPerAttendedToken()
            / tp
            / blocks;
    long headDim = headDimension(attention);
    Work work = new Work();
    if (job.fusedAttention()) {
      double bytes = 4.0 * tokens * attention.heads() * headDim * 2 / tp;
      work.add(
          new Kernel(Kernel.Kind.FUSED_ATTENTION, flops / 2, bytes, headDim, precision),
          Gradient.FUSED_ATTENTION);
    } else {
      double scores =
          (double) job.microBatchSequences()
              * attention.heads()
              / tp
              * (job.sequenceTokens() / (double) cp)
              * job.sequenceTokens()
              / blocks;
      work.add(
          new Kernel(
              Kernel.Kind.MATMUL, flops, 4.0 * tokens * h * 2 / tp / blocks, headDim, precision),
          Gradient.SCORES);
      work.memory(9.0 * scores);
    }
    return work;
  }

  private static long headDimension(Attention attention) {
    if (attention instanceof GroupedQueryAttention g) {
      return g.headDim();
    }
    MultiHeadLatentAttention m = (MultiHeadLatentAttention) attention;
    return m.vHeadDim();
  }

  /** K and V of this rank's tokens: what each hop of the ring carries. */
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
      steps.add(
          new Communicate(
              label + " reduce-scatter", CollectiveKind.REDUCE_SCATTER, Group.TENSOR, bytes));
      steps.add(
          new Communicate(label + " all-gather", CollectiveKind.ALL_GATHER, Group.TENSOR, bytes));
    } else {
      steps.add(
          new Communicate(label + " all-reduce", CollectiveKind.ALL_REDUCE, Group.TENSOR, bytes));
    }
  }

  /**
   * Backward: the forward steps reversed, each kernel's gradients as its {@link Gradient} says;
   * selective recomputation first reruns the attention core, norms-activation every memory-bound
   * forward kernel of the block (its norm and activation, and the residual and permute kernels
   * beside them: a small over-count of bytes).
   */
  List<PassStep> backward(List<PassStep> forward, Recomputation recomputation) {
    return backward(forward, recomputation, true);
  }

  /** The backward without its weight-gradient GEMMs, which {@link #weightGradients} runs. */
  List<PassStep> backwardInput(List<PassStep> forward, Recomputation recomputation) {
    return backward(forward, recomputation, false);
  }

  /** The weight-gradient GEMMs of {@code forward}'s weighted kernels, in backward order. */
  List<Kernel> weightGradients(List<PassStep> forward) {
    List<Kernel> kernels = new ArrayList<>();
    for (int i = forward.size() - 1; i >= 0; i--) {
      if (forward.get(i) instanceof Compute c) {
        for (int k = c.kernels().size() - 1; k >= 0; k--) {
          if (c.gradients().get(k) == Gradient.WEIGHTED) {
            kernels.add(c.kernels().get(k));
          }
        }
      }
    }
    return kernels;
  }

  private List<PassStep> backward(
      List<PassStep> forward, Recomputation recomputation, boolean weights) {
    List<PassStep> steps = new ArrayList<>(forward.size());
    for (int i = forward.size() - 1; i >= 0; i--) {
      PassStep s = forward.get(i);
      if (s instanceof Compute c) {
        steps.add(backward(c, recomputation, weights));
      } else if (s instanceof Ring r) {
        steps.add(
            new Ring(
                r.name() + " backward",
                backward(r.block(), recomputation, weights),
                2 * r.hopBytes(),
                r.blocks())); // keys and values, and their gradients
      } else if (s instanceof Communicate m) {
        CollectiveKind reverse =
            switch (m.kind()) {
              case ALL_GATHER -> CollectiveKind.REDUCE_SCATTER;
              case REDUCE_SCATTER -> CollectiveKind.ALL_GATHER;
              default -> m.kind();
            };
        // The gradients go back the way the tensors came: what a member received it now sends.
        steps.add(new Communicate(m.name() + " backward", reverse, m.group(), m.bytes(),
            m.destinationBytes(), m.sourceBytes()));
      }
    }
    return steps;
  }

  private Compute backward(Compute c, Recomputation recomputation, boolean weights) {
    List<Kernel> kernels = new ArrayList<>();
    if (recomputation == Recomputation.SELECTIVE && c.name().endsWith(" attention")) {
      kernels.addAll(attentionCoreOf(c));
    }
    if (recomputation == Recomputation.NORMS_AND_ACTIVATION) {
      c.kernels().stream().filter(k -> k.kind() == Kernel.Kind.ELEMENTWISE).forEach(kernels::add);
    }
    for (int i = 0; i < c.kernels().size(); i++) {
      Kernel k = c.kernels().get(i);
      Gradient g = c.gradients().get(i);
      if (g == Gradient.WEIGHTED && !weights) {
        kernels.add(k); // the input gradient alone: a GEMM of the forward's size
      } else if (g == Gradient.FUSED_ATTENTION) {
        kernels.add(scaled(k, 2.5, 2));
      } else {
        kernels.add(scaled(k, 2, 2));
      }
    }
    return new Compute(c.name() + " backward", kernels);
  }

  /** The attention core among {@code c}'s kernels: what selective recomputation reruns. */
  private static List<Kernel> attentionCoreOf(Compute c) {
    List<Kernel> core = new ArrayList<>();
    for (int i = 0; i < c.kernels().size(); i++) {
      Gradient g = c.gradients().get(i);
      if (g == Gradient.SCORES || g == Gradient.FUSED_ATTENTION) {
        core.add(c.kernels().get(i));
        if (g == Gradient.SCORES && i + 1 < c.kernels().size()) {
          core.add(c.kernels().get(i + 1)); // the unfused softmax and dropout after the scores
        }
      }
    }
    return core;
  }

  private static Kernel scaled(Kernel k, double flops, double bytes) {
    return new Kernel(k.kind(), flops * k.flops(), bytes * k.bytes(), k.smallestDimension(),
        k.precision(), k.weightDimension());
  }

  /** Embedding lookup of the first chunk: read a row and write it, per token. */
  Compute embedding() {
    return new Work().memory(4.0 * tokens * h * replicated).named("embedding");
  }

  /**
   * The output head and loss of the last chunk: logits T x V/tp, and a fused cross-entropy that
   * reads and writes them in fp32 (about 10 bytes per logit).
   */
  Compute head(String name) {
    long vocab = job.model().vocabSize() / tp;
    return new Work()
        .memory(4.0 * tokens * h * replicated)
        .weighted(Kernel.matmul(1, tokens, vocab, h, precision))
        .memory(10.0 * tokens * vocab)
        .named(name);
  }

  /** An MTP module's own work before its block: two norms and the 2h x h projection. */
  Compute mtpProjection(String name) {
    return new Work()
        .memory(8.0 * tokens * h * replicated)
        .weighted(Kernel.matmul(1, tokens, Math.max(1, h / tp), 2 * h, precision))
        .named(name);
  }

  /** Activation bytes sent between pipeline stages per micro-batch (Megatron's scatter/gather). */
  long pipelineBytes() {
    return tokens * h * 2 / tp;
  }
}
