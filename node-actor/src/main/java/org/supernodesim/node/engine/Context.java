package org.supernodesim.node.engine;

/** What a logical process may do while it handles an event: read the time, send, schedule. */
public interface Context {

  /** The virtual time of the event being handled, in picoseconds. */
  long nowPicos();

  /** The id of the process being run. */
  int selfId();

  /**
   * Sends {@code payload} to process {@code targetId}, to arrive {@code delayPicos} from now.
   *
   * @throws IllegalStateException if the delay is below the simulation's lookahead (the
   *     conservative windows would be unsound), naming both processes
   */
  void send(int targetId, long delayPicos, Object payload);

  /** Schedules {@code payload} for this process itself, {@code delayPicos} (at least 0) from now. */
  void schedule(long delayPicos, Object payload);
}
