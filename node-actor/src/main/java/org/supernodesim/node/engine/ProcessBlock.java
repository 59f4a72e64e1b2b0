package org.supernodesim.node.engine;

import java.util.List;
import java.util.Objects;

/**
 * The event loop both runtimes share: a block of consecutive process ids {@code [firstId, endId)}
 * with one event queue. It hands each process its events in {@link Event#ORDER}, stamps what the
 * processes send, keeps events for its own processes and passes the rest to an {@link Outbox}.
 *
 * <p>The sequential runtime runs one block holding every process to the end of time; the actor
 * runtime gives each actor one block and runs it window by window with {@link #runUntil}. Sharing
 * the loop is what makes "same events, same order" hold by construction rather than by test alone.
 *
 * <p>Not thread-safe: one thread at a time (an actor runs one message at a time).
 */
public final class ProcessBlock {

  /** Receives events addressed to processes outside the block, in the order they were sent. */
  @FunctionalInterface
  public interface Outbox {
    void post(Event event);
  }

  private final LogicalProcess<Object>[] processes; // indexed by id - firstId
  private final int processCount; // in the whole simulation, to check target ids
  private final int firstId;
  private final int endId;
  private final long lookaheadPicos;
  private final Outbox outbox;
  private final long[] nextSequence; // per process in the block: its next send sequence number
  private final EventHeap queue = new EventHeap();
  private final BlockContext context = new BlockContext();
  private long lastEventPicos;

  /**
   * A block of the processes with ids {@code [firstId, endId)} of {@code simulation}.
   *
   * @param outbox where events for processes outside the block go; never called when the block
   *     holds every process
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // each process accepts the payloads sent to it
  public ProcessBlock(Simulation simulation, int firstId, int endId, Outbox outbox) {
    List<? extends LogicalProcess<?>> all = simulation.processes();
    if (firstId < 0 || endId > all.size() || firstId >= endId) {
      throw new IllegalArgumentException(
          "block [" + firstId + ", " + endId + ") is not within ids 0.." + (all.size() - 1));
    }
    this.processes = all.subList(firstId, endId).toArray(new LogicalProcess[0]);
    this.processCount = all.size();
    this.firstId = firstId;
    this.endId = endId;
    this.lookaheadPicos = simulation.lookaheadPicos();
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.nextSequence = new long[endId - firstId];
  }

  /** Calls {@link LogicalProcess#start} on each process of the block in id order, at time 0. */
  public void start() {
    context.nowPicos = 0;
    for (int id = firstId; id < endId; id++) {
      context.selfId = id;
      processes[id - firstId].start(context);
    }
  }

  /** Adds an event another block sent to one of this block's processes. */
  public void deliver(Event event) {
    if (event.targetId < firstId || event.targetId >= endId) {
      throw new IllegalArgumentException(
          "event for process " + event.targetId + " delivered to block [" + firstId + ", " + endId
              + ")");
    }
    queue.add(event);
  }

  /** The time of the block's next event, or {@link Long#MAX_VALUE} if it has none. */
  public long nextEventPicos() {
    return queue.firstTimePicos();
  }

  /** The time of the last event this block handled (0 before the first). */
  public long lastEventPicos() {
    return lastEventPicos;
  }

  /**
   * Handles, in order, every event earlier than {@code endPicos}, including those the handlers
   * schedule inside that bound.
   *
   * @return how many events were handled
   */
  public long runUntil(long endPicos) {
    long handled = 0;
    // Long.MAX_VALUE is never an event's time, so an empty queue ends the loop too.
    while (queue.firstTimePicos() < endPicos) {
      handleNext();
      handled++;
    }
    if (handled > 0) {
      lastEventPicos = context.nowPicos;
    }
    return handled;
  }

  /**
   * Hands the first event to its process. A method of its own, called per event, rather than the
   * loop's body: the JIT compiles a method after so many calls, but a loop in a method called once
   * only after so many turns (60,000 by default), as an on-stack replacement, so the loop of a
   * short run stayed interpreted for a fifth of a 384-chip ring's events.
   */
  private void handleNext() {
    Event next = queue.poll();
    BlockContext ctx = context;
    ctx.nowPicos = next.timePicos;
    ctx.selfId = next.targetId;
    processes[next.targetId - firstId].handle(next.payload, ctx);
  }

  /** The context handed to a process: stamps and routes what it sends. */
  private final class BlockContext implements Context {
    long nowPicos;
    int selfId;

    @Override
    public long nowPicos() {
      return nowPicos;
    }

    @Override
    public int selfId() {
      return selfId;
    }

    @Override
    public void send(int targetId, long delayPicos, Object payload) {
      if (delayPicos < lookaheadPicos) {
        throw new IllegalStateException(
            "process "
                + selfId
                + " sent to process "
                + targetId
                + " at "
                + nowPicos
                + " ps with a delay of "
                + delayPicos
                + " ps, below the lookahead of "
                + lookaheadPicos
                + " ps");
      }
      if (targetId < 0 || targetId >= processCount) {
        throw new IllegalArgumentException(
            "process " + selfId + " sent to process " + targetId + ", but ids are 0.."
                + (processCount - 1));
      }
      Event event = stamp(targetId, delayPicos, payload);
      if (targetId >= firstId && targetId < endId) {
        queue.add(event);
      } else {
        outbox.post(event);
      }
    }

    @Override
    public void schedule(long delayPicos, Object payload) {
      if (delayPicos < 0) {
        throw new IllegalStateException(
            "process " + selfId + " scheduled itself at " + nowPicos + " ps with a negative delay of "
                + delayPicos + " ps");
      }
      queue.add(stamp(selfId, delayPicos, payload));
    }

    private Event stamp(int targetId, long delayPicos, Object payload) {
      Objects.requireNonNull(payload, "payload");
      long timePicos = nowPicos + delayPicos;
      // Long.MAX_VALUE is reserved for "no event", so the last representable time is one less.
      if (timePicos < nowPicos || timePicos == Long.MAX_VALUE) {
        throw new IllegalStateException(
            "process " + selfId + " at " + nowPicos + " ps: a delay of " + delayPicos
                + " ps to process " + targetId + " overflows virtual time");
      }
      return new Event(timePicos, selfId, nextSequence[selfId - firstId]++, targetId, payload);
    }
  }
}
