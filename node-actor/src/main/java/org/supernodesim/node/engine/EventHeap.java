package org.supernodesim.node.engine;

import java.util.Arrays;

/**
 * A min-heap of events in {@link Event#ORDER}, hand-written for the engine's hottest loop. It is
 * 4-ary, and keeps each entry's time, sender and sequence beside it in flat arrays: a large heap (a
 * 1,536-chip all-to-all holds 2.4 million arrivals at once) then compares mostly within one cache
 * line of times instead of following a reference per comparison, and sifts through half as many
 * levels as a binary heap. Comparisons never read the event itself. The order is
 * the shared comparator's, a total order, so the events come out in the same sequence whatever
 * the heap's shape.
 */
final class EventHeap {
  private static final int ARITY = 4;

  private Event[] heap = new Event[64];
  private long[] times = new long[64];
  private int[] senders = new int[64];
  private long[] sequences = new long[64];
  private int size;

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The first event's time, or {@link Long#MAX_VALUE} if the heap is empty. */
  long firstTimePicos() {
    return size == 0 ? Long.MAX_VALUE : times[0];
  }

  /** The first event, or {@code null} if the heap is empty. */
  Event peek() {
    return heap[0];
  }

  /**
   * True if (time {@code t}, sender {@code s}, sequence {@code q}) comes before (time {@code tb},
   * sender {@code sb}, sequence {@code qb}). Static, on values, and in two parts each under 35
   * bytes of bytecode, so that the quick compiler (C1) inlines them as the optimising one does: a
   * short run handles many of its events in C1's code, where the former method on indices (74
   * bytes) stayed a call per comparison, some twenty per event.
   */
  private static boolean precedes(long t, int s, long q, long tb, int sb, long qb) {
    return t < tb || t == tb && senderPrecedes(s, q, sb, qb);
  }

  /** At one time: (sender {@code s}, sequence {@code q}) before ({@code sb}, {@code qb}). */
  private static boolean senderPrecedes(int s, long q, int sb, long qb) {
    return s < sb || s == sb && q < qb;
  }

  void add(Event event) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
      times = Arrays.copyOf(times, size * 2);
      senders = Arrays.copyOf(senders, size * 2);
      sequences = Arrays.copyOf(sequences, size * 2);
    }
    long t = event.timePicos;
    int s = event.senderId;
    long q = event.senderSequence;
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) / ARITY;
      if (precedes(times[parent], senders[parent], sequences[parent], t, s, q)) {
        break;
      }
      heap[i] = heap[parent];
      times[i] = times[parent];
      senders[i] = senders[parent];
      sequences[i] = sequences[parent];
      i = parent;
    }
    heap[i] = event;
    times[i] = t;
    senders[i] = s;
    sequences[i] = q;
  }

  /** Removes and returns the first event; the heap must not be empty. */
  Event poll() {
    Event first = heap[0];
    int last = --size;
    Event moved = heap[last];
    long t = times[last];
    int s = senders[last];
    long q = sequences[last];
    heap[last] = null;
    if (last > 0) {
      int i = 0;
      while (true) {
        int child = ARITY * i + 1;
        if (child >= last) {
          break;
        }
        int best = child;
        long bestTime = times[child];
        int bestSender = senders[child];
        long bestSequence = sequences[child];
        int end = Math.min(child + ARITY, last);
        for (int k = child + 1; k < end; k++) {
          if (precedes(times[k], senders[k], sequences[k], bestTime, bestSender, bestSequence)) {
            best = k;
            bestTime = times[k];
            bestSender = senders[k];
            bestSequence = sequences[k];
          }
        }
        if (!precedes(bestTime, bestSender, bestSequence, t, s, q)) {
          break;
        }
        heap[i] = heap[best];
        times[i] = bestTime;
        senders[i] = bestSender;
        sequences[i] = bestSequence;
        i = best;
      }
      heap[i] = moved;
      times[i] = t;
      senders[i] = s;
      sequences[i] = q;
    }
    return first;
  }
}
