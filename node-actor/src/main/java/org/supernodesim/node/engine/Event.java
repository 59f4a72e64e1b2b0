package org.supernodesim.node.engine;

import java.util.Comparator;

/**
 * One event in flight: a payload for process {@code targetId} at virtual time {@code timePicos},
 * stamped with its sender and the sender's sequence number. Runtimes move events between
 * threads; processes never see this class, only the payload.
 */
public final class Event {

  /**
   * The engine's one total order: (time, sender id, sender sequence). (Sender, sequence) is unique
   * because each process numbers everything it sends or schedules, so two events never tie and the
   * order never depends on when an event reached a queue, which thread sent it or which actor held
   * it.
   */
  public static final Comparator<Event> ORDER = new Order();

  final long timePicos;
  final int senderId;
  final long senderSequence;
  final int targetId;
  final Object payload;

  Event(long timePicos, int senderId, long senderSequence, int targetId, Object payload) {
    this.timePicos = timePicos;
    this.senderId = senderId;
    this.senderSequence = senderSequence;
    this.targetId = targetId;
    this.payload = payload;
  }

  public long timePicos() {
    return timePicos;
  }

  public int senderId() {
    return senderId;
  }

  public long senderSequence() {
    return senderSequence;
  }

  public int targetId() {
    return targetId;
  }

  public Object payload() {
    return payload;
  }

  @Override
  public String toString() {
    return "Event[t="
        + timePicos
        + " ps, from "
        + senderId
        + " #"
        + senderSequence
        + " to "
        + targetId
        + ": "
        + payload
        + "]";
  }

  // A named final class rather than a Comparator.comparing chain: the heap calls it per sift
  // step, and a monomorphic final class lets the JIT inline it without boxing or key extractors.
  private static final class Order implements Comparator<Event> {
    @Override
    public int compare(Event a, Event b) {
      int byTime = Long.compare(a.timePicos, b.timePicos);
      if (byTime != 0) {
        return byTime;
      }
      int bySender = Integer.compare(a.senderId, b.senderId);
      if (bySender != 0) {
        return bySender;
      }
      return Long.compare(a.senderSequence, b.senderSequence);
    }
  }
}
