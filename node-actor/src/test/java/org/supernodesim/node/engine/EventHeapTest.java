package org.supernodesim.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The heap hands events out in exactly {@link Event#ORDER}, ties on time and sender included,
 * whether the events come in order (one long run), in bursts that are each in order (a ring's
 * windows, an all-to-all's sends through a port), or scrambled.
 */
class EventHeapTest {

  @Test
  void pollsInTheEngineOrderThroughAddsAndPollsInterleaved() {
    SplittableRandom random = new SplittableRandom(11);
    EventHeap heap = new EventHeap();
    List<Event> expected = new ArrayList<>();
    List<Event> polled = new ArrayList<>();
    long[] sequence = new long[5];
    for (int round = 0; round < 20_000; round++) {
      // Few times and senders, so that ties on both are common, as in a symmetric all-to-all.
      int sender = random.nextInt(5);
      Event e = new Event(random.nextInt(40), sender, sequence[sender]++, 0, round);
      heap.add(e);
      expected.add(e);
      if (random.nextInt(3) == 0) {
        expected.sort(Event.ORDER);
        Event first = expected.remove(0);
        Event got = heap.poll();
        assertSame(first, got, "round " + round);
        polled.add(got);
      }
    }
    expected.sort(Event.ORDER);
    for (Event e : expected) {
      assertSame(e, heap.poll());
    }
    assertEquals(0, heap.size());
    assertNull(heap.peek());
  }

  @Test
  void pollsInTheEngineOrderWhenAddsComeInOrderedBurstsWhilePolling() {
    SplittableRandom random = new SplittableRandom(12);
    EventHeap heap = new EventHeap();
    TreeSet<Event> expected = new TreeSet<>(Event.ORDER);
    long[] sequence = new long[400];
    long now = 0;
    for (int round = 0; round < 2_000; round++) {
      // A burst from consecutive senders to one later time, as a ring's window sends, often
      // wrapping to sender 0; or one sender's arrivals spaced through its port; or one event.
      long at = now + 1 + random.nextInt(3);
      int kind = random.nextInt(3);
      int count = kind == 2 ? 1 : 1 + random.nextInt(400);
      int firstSender = random.nextInt(400);
      for (int i = 0; i < count; i++) {
        int sender = kind == 0 ? (firstSender + i) % 400 : firstSender;
        long time = kind == 1 ? at + 5L * i : at;
        Event e = new Event(time, sender, sequence[sender]++, 0, round);
        heap.add(e);
        expected.add(e);
      }
      // Poll about as many as were added, so that runs are drained while others grow.
      for (int polls = random.nextInt(2 * count + 1); polls > 0 && !expected.isEmpty(); polls--) {
        Event first = expected.pollFirst();
        assertEquals(first.timePicos(), heap.firstTimePicos(), "round " + round);
        assertSame(first, heap.poll(), "round " + round);
        now = first.timePicos();
      }
      assertEquals(expected.size(), heap.size());
    }
    while (!expected.isEmpty()) {
      assertSame(expected.pollFirst(), heap.poll());
    }
    assertEquals(Long.MAX_VALUE, heap.firstTimePicos());
    assertNull(heap.peek());
  }

  @Test
  void aRunTakenFromWhileItGrowsKeepsItsOrder() {
    // Given one process that schedules two events for each one it handles, always later than
    // all before: one run whose head is taken while its tail grows (the array is compacted or
    // grown many times over).
    EventHeap heap = new EventHeap();
    long sequence = 0;
    heap.add(new Event(0, 3, sequence++, 3, "start"));
    long time = 0;
    long expectedTime = 0;
    for (int handled = 0; handled < 100_000; handled++) {
      Event e = heap.poll();
      assertEquals(expectedTime, e.timePicos());
      expectedTime = e.timePicos() + 1;
      if (heap.size() < 50) {
        heap.add(new Event(++time, 3, sequence++, 3, "a"));
        heap.add(new Event(++time, 3, sequence++, 3, "b"));
      } else {
        heap.add(new Event(++time, 3, sequence++, 3, "c"));
      }
    }
  }
}
