package org.supernodesim.node.actors;

import java.util.Arrays;
import org.supernodesim.node.engine.Event;

/**
 * What one actor sent in the current window, batched per destination actor, in the order of
 * first sending: room for as many destinations as a window reaches, not for every actor.
 *
 * <p>Why not arrays indexed by destination actor: actor-per-chip, every actor held four of them
 * as long as the number of actors, so memory grew with its square (2.9 MB at 384 chips, 5.4 GB at
 * 16,384), and a window's few writes landed on lines spread over all of it. A window of a
 * collective sends to one or two peers; an all-to-all window may send to every actor, which the
 * open-addressing index below finds in constant time.
 *
 * <p>Not thread-safe: one actor's, touched by the thread running it.
 */
final class OutgoingBatches {
  // Per destination reached in this window, in first-send order; kept with their buffers from
  // window to window, and only the first `reached` are this window's.
  private Batch[] places = new Batch[4];
  private int reached;
  // Open addressing from a destination to its batch: 1 + the batch's place, 0 for a free slot;
  // a power of two at least twice the destinations reached, cleared slot by slot after a window.
  private int[] index = new int[8];
  private Batch last; // the batch of the latest send: consecutive sends often share it

  /** One destination's events of the window: a reused buffer and its fill. */
  private static final class Batch {
    int destination;
    int slot; // where the destination sits in the index
    Event[] events = new Event[4];
    int count;
    long minPicos;
  }

  /** Adds {@code event}, for actor {@code destination}. */
  void add(int destination, Event event) {
    Batch batch = last != null && last.destination == destination ? last : batchOf(destination);
    last = batch;
    if (batch.count == batch.events.length) {
      batch.events = Arrays.copyOf(batch.events, batch.count * 2);
    }
    batch.events[batch.count++] = event;
    if (batch.count == 1 || event.timePicos() < batch.minPicos) {
      batch.minPicos = event.timePicos();
    }
  }

  private Batch batchOf(int destination) {
    int mask = index.length - 1;
    for (int slot = mix(destination) & mask; ; slot = (slot + 1) & mask) {
      int entry = index[slot];
      if (entry == 0) {
        return newBatch(destination, slot);
      }
      if (places[entry - 1].destination == destination) {
        return places[entry - 1];
      }
    }
  }

  private Batch newBatch(int destination, int slot) {
    if (reached == places.length) {
      places = Arrays.copyOf(places, reached * 2);
    }
    Batch batch = places[reached];
    if (batch == null) {
      batch = new Batch();
      places[reached] = batch;
    }
    batch.destination = destination;
    batch.count = 0;
    batch.slot = slot;
    index[slot] = ++reached;
    if (2 * reached > index.length) {
      rebuildIndex(index.length * 2);
    }
    return batch;
  }

  private void rebuildIndex(int capacity) {
    index = new int[capacity];
    int mask = capacity - 1;
    for (int place = 0; place < reached; place++) {
      int slot = mix(places[place].destination) & mask;
      while (index[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      index[slot] = place + 1;
      places[place].slot = slot;
    }
  }

  /** Spreads consecutive actor indices over the table's low bits (the index masks them). */
  private static int mix(int destination) {
    int h = destination * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /**
   * What this window sent, in first-send order: per destination, its events in sending order and
   * their earliest time (new arrays; {@link Sent#NOTHING} if nothing was sent).
   */
  Sent sent() {
    if (reached == 0) {
      return Sent.NOTHING;
    }
    int[] destinations = new int[reached];
    long[] minPicos = new long[reached];
    Event[][] events = new Event[reached][];
    for (int place = 0; place < reached; place++) {
      Batch batch = places[place];
      destinations[place] = batch.destination;
      minPicos[place] = batch.minPicos;
      events[place] = Arrays.copyOf(batch.events, batch.count);
    }
    return new Sent(destinations, minPicos, events);
  }

  /** A window's sends: destination k got {@code batches[k]}, the earliest at {@code minPicos[k]}. */
  record Sent(int[] destinations, long[] minPicos, Event[][] batches) {
    /**
     * A window that sent nothing: actor-per-chip, most windows of a chip, so its reports share
     * these (never written) instead of allocating three arrays each.
     */
    static final Sent NOTHING = new Sent(new int[0], new long[0], new Event[0][]);
  }

  /**
   * Forgets this window's sends. Buffers are kept; stale events past a fill are overwritten, not
   * cleared, as they never leave through {@link #sent}.
   */
  void clear() {
    for (int place = 0; place < reached; place++) {
      index[places[place].slot] = 0;
    }
    reached = 0;
    last = null;
  }
}
