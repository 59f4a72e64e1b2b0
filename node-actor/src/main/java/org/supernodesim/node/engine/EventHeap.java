package org.supernodesim.node.engine;

import java.util.Arrays;

/**
 * A min-heap of events in {@link Event#ORDER}, hand-written for the engine's hottest loop. It is
 * 4-ary, and keeps each entry's time and sender beside it in flat arrays: a large heap (a
 * 1,536-chip all-to-all holds 2.4 million arrivals at once) then compares mostly within one cache
 * line of times instead of following a reference per comparison, and sifts through half as many
 * levels as a binary heap. The event itself is read only where time and sender tie. The order is
 * the shared comparator's, a total order, so the events come out in the same sequence whatever
 * the heap's shape.
 */
final class EventHeap {
  private static final int ARITY = 4;

  private Event[] heap = new Event[64];
  private long[] times = new long[64];
  private int[] senders = new int[64];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The first event, or {@code null} if the heap is empty. */
  Event peek() {
    return heap[0];
  }

  /** True if the entry at {@code i} comes before event {@code e} (time {@code t}, sender {@code s}). */
  private boolean before(int i, long t, int s, Event e) {
    long ti = times[i];
    if (ti != t) {
      return ti < t;
    }
    int si = senders[i];
    if (si != s) {
      return si < s;
    }
    return heap[i].senderSequence < e.senderSequence;
  }

  void add(Event event) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
      times = Arrays.copyOf(times, size * 2);
      senders = Arrays.copyOf(senders, size * 2);
    }
    long t = event.timePicos;
    int s = event.senderId;
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) / ARITY;
      if (before(parent, t, s, event)) {
        break;
      }
      heap[i] = heap[parent];
      times[i] = times[parent];
      senders[i] = senders[parent];
      i = parent;
    }
    heap[i] = event;
    times[i] = t;
    senders[i] = s;
  }

  /** Removes and returns the first event; the heap must not be empty. */
  Event poll() {
    Event first = heap[0];
    int last = --size;
    Event moved = heap[last];
    long t = times[last];
    int s = senders[last];
    heap[last] = null;
    if (last > 0) {
      int i = 0;
      while (true) {
        int child = ARITY * i + 1;
        if (child >= last) {
          break;
        }
        int best = child;
        int end = Math.min(child + ARITY, last);
        for (int k = child + 1; k < end; k++) {
          if (before(k, times[best], senders[best], heap[best])) {
            best = k;
          }
        }
        if (!before(best, t, s, moved)) {
          break;
        }
        heap[i] = heap[best];
        times[i] = times[best];
        senders[i] = senders[best];
        i = best;
      }
      heap[i] = moved;
      times[i] = t;
      senders[i] = s;
    }
    return first;
  }
}
