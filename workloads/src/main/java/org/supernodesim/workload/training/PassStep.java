package org.supernodesim.workload.training;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.workload.graph.Kernel;

/**
 * One step of a layer pass: kernels on the compute stream, a collective the pass waits for, or
 * context parallelism's ring of attention blocks and transfers.
 */
sealed interface PassStep {

  /** How a forward kernel's backward runs (the work it executes, not what a paper counts). */
  enum Gradient {
    /** A GEMM by a weight: an input-gradient and a weight-gradient GEMM of its own size. */
    WEIGHTED,
    /** The unfused score and context GEMMs: two input-gradient GEMMs each, 2x, no weights. */
    SCORES,
    /**
     * Fused attention: backward recomputes the scores before the four gradient GEMMs, 2.5x the
     * forward FLOPs (FlashAttention-2, Dao 2023, §3.1.2; its benchmarks count backward so), and
     * reads and writes about twice the forward's bytes.
     */
    FUSED_ATTENTION,
    /** Memory-bound: the gradient reads and writes twice the forward's bytes. */
    MEMORY
  }

  /**
   * Kernels that run back to back; {@code gradients} says for each how its backward runs, or is
   * empty for kernels that are never differentiated (a backward's own).
   */
  record Compute(String name, List<Kernel> kernels, List<Gradient> gradients) implements PassStep {
    public Compute {
      kernels = List.copyOf(kernels);
      gradients = List.copyOf(gradients);
      if (!gradients.isEmpty() && gradients.size() != kernels.size()) {
        throw new IllegalArgumentException(name + ": one gradient per kernel");
      }
    }

    /** Kernels of a backward: not differentiated again. */
    Compute(String name, List<Kernel> kernels) {
      this(name, kernels, List.of());
    }

    /** This step with {@code other}'s kernels run first. */
    Compute after(Compute other) {
      return new Compute(name, concat(other.kernels, kernels), concat(other.gradients, gradients));
    }

    /** This step with {@code other}'s kernels run last. */
    Compute then(Compute other) {
      return new Compute(name, concat(kernels, other.kernels), concat(gradients, other.gradients));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
      List<T> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    }
  }

  /**
   * A collective over one of the representative's groups, {@code bytes} on every member; or an
   * uneven all-to-all: each member (in group order) sends {@code sourceBytes} cut evenly over the
   * group (MoE combine: each expert rank returns its tokens), or receives {@code
   * destinationBytes} sent evenly by the group (MoE dispatch: each expert rank gets its tokens),
   * {@code bytes} then their mean.
   */
  record Communicate(String name, CollectiveKind kind, Group group, long bytes,
      List<Long> sourceBytes, List<Long> destinationBytes) implements PassStep {
    public Communicate {
      sourceBytes = List.copyOf(sourceBytes);
      destinationBytes = List.copyOf(destinationBytes);
    }

    Communicate(String name, CollectiveKind kind, Group group, long bytes) {
      this(name, kind, group, bytes, List.of(), List.of());
    }
  }

  /**
   * Ring attention (context parallelism as Megatron-Core runs it through Transformer Engine): the
   * rank's queries meet the keys and values of each of the cp ranks in turn, {@code blocks} blocks
   * of {@code block} kernels; while one block computes, the next block's keys and values ({@code
   * hopBytes}) arrive from the ring's previous rank, each hop after the one before.
   */
  record Ring(String name, Compute block, long hopBytes, int blocks) implements PassStep {}

  /** The groups a layer pass communicates in. */
  enum Group {
    TENSOR,
    CONTEXT,
    EXPERT,
    /** The representative and the next rank of its context-parallel ring. */
    CONTEXT_NEXT
  }
}
