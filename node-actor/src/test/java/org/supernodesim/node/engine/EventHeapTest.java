package org.supernodesim.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The heap hands events out in exactly {@link Event#ORDER}, ties on time and sender included. */
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
}
