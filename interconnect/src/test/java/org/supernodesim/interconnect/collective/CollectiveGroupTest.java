package org.supernodesim.interconnect.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectiveGroupTest {

  private static int membersPerDomain(Integer... domains) {
    List<Integer> ranks = new ArrayList<>();
    for (int i = 0; i < domains.length; i++) {
      ranks.add(i);
    }
    return new CollectiveGroup(ranks, List.of(domains), null).membersPerDomain();
  }

  @Test
  void equalConsecutiveDomainsGiveTheirSize() {
    assertEquals(2, membersPerDomain(0, 0, 1, 1, 2, 2));
    assertEquals(3, membersPerDomain(5, 5, 5, 1, 1, 1));
  }

  @Test
  void otherShapesGiveZero() {
    assertEquals(0, membersPerDomain(0, 0, 0, 0), "one domain");
    assertEquals(0, membersPerDomain(0, 1, 2, 3), "one member per domain");
    assertEquals(0, membersPerDomain(0, 0, 1, 1, 1, 1), "unequal domains");
    assertEquals(0, membersPerDomain(0, 0, 1, 2, 2, 2), "a block that mixes domains");
    assertEquals(0, membersPerDomain(0, 0, 1, 1, 0, 0), "a domain in two blocks");
    assertEquals(0, membersPerDomain(0, 0, 1, 1, 2), "members not a multiple of the block");
  }

  @Test
  void eightThousandDomainsOfEight() {
    int n = 1 << 16;
    List<Integer> ranks = new ArrayList<>();
    List<Integer> domains = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ranks.add(i);
      domains.add(i / 8);
    }
    assertEquals(8, new CollectiveGroup(ranks, domains, null).membersPerDomain());
  }
}
