package org.supernodesim.node.engine;

/**
 * Runs a {@link Simulation} to its end. Every runtime gives every process the same events in the
 * same order, so a run's results never depend on the runtime, its threads or its placement.
 *
 * <p>A runtime may keep resources across runs (threads, an actor system) so that a run measures
 * the engine rather than its start-up: close it when done, e.g. with try-with-resources. One run
 * at a time per runtime.
 */
public interface Runtime extends AutoCloseable {

  /** Runs until no process has an event left; the processes hold their results afterwards. */
  RunStatistics run(Simulation simulation);

  /** The runtime's name as result.json records it ({@code sequential} or {@code actors}). */
  String name();

  /**
   * Releases what the runtime keeps between runs (the actor runtime's actor system). Runs after
   * this may fail. The default holds nothing and does nothing.
   */
  @Override
  default void close() {}
}
