package org.supernodesim.interconnect.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentPairsTest {
  private final List<String> computed = new ArrayList<>();
  private final RecentPairs<String> pairs =
      new RecentPairs<>(8, (s, d) -> {
        computed.add(s + "->" + d);
        return s + "->" + d;
      });

  @Test
  void aSourceTurningBetweenAsManyPeersAsSlotsComputesEachOnce() {
    for (int round = 0; round < 3; round++) {
      for (int peer = 1; peer <= RecentPairs.SLOTS; peer++) {
        assertEquals("3->" + peer, pairs.get(3, peer));
      }
      assertEquals("4->1", pairs.get(4, 1)); // another source's slots
    }
    assertEquals(List.of("3->1", "3->2", "3->3", "3->4", "4->1"), computed);
  }

  @Test
  void onePeerTooManyReplacesTheOldest() {
    for (int peer = 1; peer <= RecentPairs.SLOTS + 1; peer++) {
      pairs.get(0, peer);
    }
    computed.clear();

    assertEquals("0->2", pairs.get(0, 2)); // kept
    assertEquals("0->1", pairs.get(0, 1)); // replaced by the fifth: found again

    assertEquals(List.of("0->1"), computed);
  }
}
