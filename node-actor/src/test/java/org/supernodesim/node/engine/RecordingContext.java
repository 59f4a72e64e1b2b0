package org.supernodesim.node.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A context that records what a process asks for instead of running anything, so that one
 * process can be tested alone: the test sets the time, hands it events and reads what it sent and
 * scheduled.
 */
public final class RecordingContext implements Context {
  /** One request: the target process (the process itself for a schedule), delay and payload. */
  public record Sent(int target, long delayPicos, Object payload) {}

  public final List<Sent> sent = new ArrayList<>();
  public final List<Sent> scheduled = new ArrayList<>();
  public long nowPicos;

  @Override
  public long nowPicos() {
    return nowPicos;
  }

  @Override
  public int selfId() {
    return 0;
  }

  @Override
  public void send(int targetId, long delayPicos, Object payload) {
    sent.add(new Sent(targetId, delayPicos, payload));
  }

  @Override
  public void schedule(long delayPicos, Object payload) {
    scheduled.add(new Sent(selfId(), delayPicos, payload));
  }
}
