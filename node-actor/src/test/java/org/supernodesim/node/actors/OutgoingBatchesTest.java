package org.supernodesim.node.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.supernodesim.node.engine.Event;
import org.supernodesim.node.engine.TestEvents;

class OutgoingBatchesTest {

  private static Event at(long timePicos, int target) {
    return TestEvents.at(timePicos, target);
  }

  @Test
  void batchesPerDestinationInFirstSendOrderWithTheirEarliestTime() {
    OutgoingBatches out = new OutgoingBatches();
    Event a = at(50, 7);
    Event b = at(20, 3);
    Event c = at(10, 7);
    Event d = at(30, 7);

    out.add(7, a);
    out.add(3, b);
    out.add(7, c);
    out.add(7, d);

    OutgoingBatches.Sent sent = out.sent();
    assertArrayEquals(new int[] {7, 3}, sent.destinations());
    assertArrayEquals(new long[] {10, 20}, sent.minPicos());
    Event[][] batches = sent.batches();
    assertArrayEquals(new Event[] {a, c, d}, batches[0], "in sending order");
    assertArrayEquals(new Event[] {b}, batches[1]);
  }

  @Test
  void aClearedWindowStartsEmptyAndANewOneReusesNothingStale() {
    OutgoingBatches out = new OutgoingBatches();
    out.add(5, at(1, 5));
    out.add(5, at(2, 5));
    out.clear();

    assertSame(OutgoingBatches.Sent.NOTHING, out.sent());

    // The next window's first event to 5 starts a batch of one, at its own time.
    Event e = at(99, 5);
    out.add(5, e);
    assertArrayEquals(new Event[] {e}, out.sent().batches()[0]);
    assertArrayEquals(new long[] {99}, out.sent().minPicos());
  }

  @Test
  void agreesWithAPlainMapOverManyDestinationsAndWindows() {
    // Given windows that each send 1-3,000 events to destinations among 0-9,999, at random.
    Random random = new Random(12);
    OutgoingBatches out = new OutgoingBatches();
    for (int window = 0; window < 40; window++) {
      Map<Integer, List<Event>> expected = new LinkedHashMap<>();
      int sends = 1 + random.nextInt(window % 4 == 0 ? 3_000 : 10);
      for (int i = 0; i < sends; i++) {
        int destination = random.nextInt(window % 2 == 0 ? 10_000 : 40);
        Event e = at(random.nextInt(1_000_000), destination);
        out.add(destination, e);
        expected.computeIfAbsent(destination, k -> new ArrayList<>()).add(e);
      }

      // Then each window reports what a map in first-send order holds.
      OutgoingBatches.Sent sent = out.sent();
      int[] destinations = sent.destinations();
      long[] minPicos = sent.minPicos();
      Event[][] batches = sent.batches();
      assertEquals(expected.size(), destinations.length, "window " + window);
      int k = 0;
      for (Map.Entry<Integer, List<Event>> entry : expected.entrySet()) {
        assertEquals(entry.getKey(), destinations[k]);
        assertArrayEquals(entry.getValue().toArray(new Event[0]), batches[k]);
        assertEquals(
            entry.getValue().stream().mapToLong(Event::timePicos).min().orElseThrow(),
            minPicos[k]);
        k++;
      }
      out.clear();
    }
  }
}
