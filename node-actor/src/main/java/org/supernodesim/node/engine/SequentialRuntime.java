package org.supernodesim.node.engine;

/**
 * The reference runtime: one event queue, one thread. It starts every process in id order at time
 * 0, then handles events in {@link Event#ORDER} until none is left. It has no windows, so it
 * reports 0 of them.
 */
public final class SequentialRuntime implements Runtime {

  @Override
  public RunStatistics run(Simulation simulation) {
    ProcessBlock all =
        new ProcessBlock(
            simulation,
            0,
            simulation.processes().size(),
            event -> {
              throw new AssertionError("the only block holds every process, yet sent " + event);
            });
    all.start();
    // No event is ever at Long.MAX_VALUE (the context refuses it), so this runs to the end.
    long events = all.runUntil(Long.MAX_VALUE);
    return new RunStatistics(all.lastEventPicos(), events, 0);
  }

  @Override
  public String name() {
    return "sequential";
  }

  @Override
  public String toString() {
    return name();
  }
}
