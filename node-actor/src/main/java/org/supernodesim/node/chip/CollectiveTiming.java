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
  /**
   * What {@link #picos} answers for a collective whose members are all processes: it runs as its
   * algorithm's steps through the transport, on its group's stream.
   */
  long STEPS = -1;

  /**
   * Picoseconds from this rank starting {@code collective} to its finishing, or {@link #STEPS} to
   * run it step by step with its peers.
   */
  long picos(Operation.Collective collective);
}
