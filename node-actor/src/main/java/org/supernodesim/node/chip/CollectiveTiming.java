package org.supernodesim.node.chip;

import org.supernodesim.workload.graph.Operation;

/**
 * How long a collective takes when its other members are not simulated as processes of their
 * own: a training step simulates one rank per pipeline stage, and times that rank's collectives
 * over their real groups on the scenario's fabric. The answer depends only on the collective, so
 * every member would see the same time.
 */
@FunctionalInterface
public interface CollectiveTiming {

  /** Picoseconds from this rank starting {@code collective} to its finishing. */
  long picos(Operation.Collective collective);
}
