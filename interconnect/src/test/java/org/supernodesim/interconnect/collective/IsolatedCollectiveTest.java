package org.supernodesim.interconnect.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.LinkSpec;

/** A collective timed without processes equals its closed form on one switch. */
class IsolatedCollectiveTest {
  private static final double BYTES_PER_SECOND = 100e9;
  private static final long LINK_PICOS = 1_000_000;

  @ParameterizedTest(name = "{0} over {1} of 64, {2} B")
  @CsvSource({"ring, 8, 1073741824", "ring, 64, 100000000", "pairwise, 16, 1073741824"})
  void matchesTheClosedForm(String algorithm, int n, long bytes) {
    // Given n of 64 chips on one switch (a transfer crosses 2 links: alpha = 2 us), every 4th
    // chip a member, so the group is not 0..n-1.
    AnalyticalNetwork network = new AnalyticalNetwork(new Router(
        Topology.singleSwitch(64, new LinkSpec(BYTES_PER_SECOND, LINK_PICOS))));
    List<Integer> group = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      group.add((i * 4) % 64 + (i * 4) / 64);
    }
    CollectiveKind kind =
        algorithm.equals("ring") ? CollectiveKind.ALL_REDUCE : CollectiveKind.ALL_TO_ALL;
    long picos = IsolatedCollective.picos(
        CollectiveAlgorithm.named(algorithm), kind, group, bytes, network);

    // Then ring all-reduce: 2(n-1) steps of ceil(S/n) bytes; pairwise: n-1 steps of S/n.
    int steps = kind == CollectiveKind.ALL_REDUCE ? 2 * (n - 1) : n - 1;
    long chunk = (bytes + n - 1) / n;
    double stepPicos = 2 * LINK_PICOS + chunk / BYTES_PER_SECOND * 1e12;
    assertEquals(steps * stepPicos, picos, steps * 1.0, "closed form within 1 ps per step");
  }
}
