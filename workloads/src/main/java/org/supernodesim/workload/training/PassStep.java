package org.supernodesim.workload.training;

import java.util.List;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.workload.graph.Kernel;

/** One step of a layer pass: kernels on the compute stream, or a collective the pass waits for. */
sealed interface PassStep {

  /** Kernels that run back to back. */
  record Compute(String name, List<Kernel> kernels) implements PassStep {
    public Compute {
      kernels = List.copyOf(kernels);
    }
  }

  /** A collective over one of the representative's groups. */
  record Communicate(String name, CollectiveKind kind, Group group, long bytes)
      implements PassStep {}

  /** The groups a layer pass communicates in. */
  enum Group {
    TENSOR,
    CONTEXT,
    EXPERT
  }
}
