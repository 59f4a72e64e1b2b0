package org.supernodesim.node.engine;

/**
 * Runs a {@link Simulation} to its end. Every runtime gives every process the same events in the
 * same order, so a run's results never depend on the runtime, its threads or its placement.
 */
public interface Runtime {

  /** Runs until no process has an event left; the processes hold their results afterwards. */
  RunStatistics run(Simulation simulation);

  /** The runtime's name as result.json records it ({@code sequential} or {@code actors}). */
  String name();
}
