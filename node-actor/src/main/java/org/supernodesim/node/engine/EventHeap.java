package org.supernodesim.node.engine;

import java.util.Arrays;

/**
 * A binary min-heap of events in {@link Event#ORDER}. Hand-written rather than {@link
 * java.util.PriorityQueue} only to drop the modification counter and the generic comparator
 * null-check from the engine's hottest loop; the order is the shared comparator's.
 */
final class EventHeap {
  private Event[] heap = new Event[64];
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

  void add(Event event) {
    if (size == heap.length) {
      heap = Arrays.copyOf(heap, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      Event p = heap[parent];
      if (Event.ORDER.compare(event, p) >= 0) {
        break;
      }
      heap[i] = p;
      i = parent;
    }
    heap[i] = event;
  }

  /** Removes and returns the first event; the heap must not be empty. */
  Event poll() {
    Event first = heap[0];
    int last = --size;
    Event moved = heap[last];
    heap[last] = null;
    if (last > 0) {
      int i = 0;
      int half = last >>> 1;
      while (i < half) {
        int child = 2 * i + 1;
        Event c = heap[child];
        int right = child + 1;
        if (right < last && Event.ORDER.compare(heap[right], c) < 0) {
          child = right;
          c = heap[child];
        }
        if (Event.ORDER.compare(moved, c) <= 0) {
          break;
        }
        heap[i] = c;
        i = child;
      }
      heap[i] = moved;
    }
    return first;
  }
}
