package org.supernodesim.node.engine;

/** Events for tests outside the engine package, which cannot call the engine's constructor. */
public final class TestEvents {
  private TestEvents() {}

  /** An event for {@code targetId} at {@code timePicos}, from process 0. */
  public static Event at(long timePicos, int targetId) {
    return new Event(timePicos, 0, 0, targetId, "test");
  }
}
