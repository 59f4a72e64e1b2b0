package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioLoader;

/** The flow-level model run through the fabric process, against closed forms. */
class FlowModelTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);

  private static RunResult run(String cluster, String collectives, String model) {
    String text = "name: t\ncluster: " + cluster + "\nworkload:\n  collectives: " + collectives
        + "\nnetwork: { model: " + model + " }\n";
    return ScenarioRunner.run(LOADER.load("t.yaml", text, List.of(), false),
        RuntimeChoice.SEQUENTIAL);
  }

  @Test
  void ringAllReduceOnASwitchKeepsTheFullBusBandwidth() {
    // Given 16 chips on one 100 GB/s switch, 1 us per hop, a 256 MiB ring all-reduce.
    String cluster = "{chips: 16, chip: nvidia-h100-sxm, fabric: {kind: single-switch,"
        + " link: {bandwidth: 100 GB/s, latency: 1 us}}}";
    RunResult flow = run(cluster, "[{kind: all-reduce, size: 256 MiB, algorithm: ring}]", "flow");

    // Then each step's 16 transfers use 16 distinct up and down links, so nothing is shared and
    // T = 2(n-1)(S/(nB) + 2 alpha): bus bandwidth S/T * 2(n-1)/n is B less the latency, not the
    // B/2 of a store-and-forward model.
    int n = 16;
    double s = 256.0 * (1 << 20);
    double expected = 2 * (n - 1) * (s / n / 100e9 * Units.PICOS_PER_SECOND + 2e6);
    CollectiveResult r = Kinds.collectives(flow).get(0);
    assertEquals(expected, r.picos(), 2.0 * (n - 1), "closed form within 1 ps per step");
    double ideal = 100e9 * (s / n / 100e9) / (s / n / 100e9 + 2e-6);
    assertEquals(ideal, r.busBytesPerSecond(), ideal * 1e-6,
        "bus bandwidth = B x serialisation / (serialisation + latency) per step");
  }

  @Test
  void aLoneTransferTakesTheSameTimeOnBothModels() {
    // Given each collective kind alone on CloudMatrix384's UB Clos (no two transfers share a
    // link in a ring step or a pipeline, so the flow model must agree with the analytical one).
    String collectives = "[{kind: all-reduce, size: 64 MiB, group: 16, algorithm: ring},"
        + " {kind: broadcast, size: 64 MiB, group: 16}, {kind: send-recv, size: 1 GiB}]";
    RunResult analytical = run("{system: cloudmatrix384, chips: 16}", collectives, "analytical");
    RunResult flow = run("{system: cloudmatrix384, chips: 16}", collectives, "flow");
    for (int i = 0; i < 3; i++) {
      assertEquals(Kinds.collectives(analytical).get(i).picos(), Kinds.collectives(flow).get(i).picos(),
          16.0, Kinds.collectives(analytical).get(i).kind() + ": within 1 ps per transfer");
    }
  }

  @Test
  void anOversubscribedFatTreeReportsItsBusiestLinks() {
    // Given 16 chips under 2 leaves, 2:1 oversubscribed, a 256 MiB all-to-all.
    String cluster = "{chips: 16, chip: nvidia-h100-sxm, fabric: {kind: fat-tree, chipsPerLeaf: 8,"
        + " oversubscription: 2, link: {bandwidth: 50 GB/s, latency: 1 us}}}";
    RunResult flow = run(cluster, "[{kind: all-to-all, size: 256 MiB}]", "flow");
    RunResult analytical = run(cluster, "[{kind: all-to-all, size: 256 MiB}]", "analytical");

    // Then 8 chips x 8 remote blocks of S/16 cross each leaf's 4 uplinks of B: at least 16
    // blocks per uplink, against 15 blocks per chip port, so the uplinks bind; ECMP hashes each
    // block to one uplink, so some carry more than 16 and the all-to-all takes longer than the
    // even bound, but not twice as long. The analytical model, blind to the uplinks, is faster.
    var busiest = Kinds.network(flow).busiestLinks().get(0);
    assertEquals("l2", busiest.tier(), "an uplink is the busiest link: " + busiest);
    double s = 256.0 * (1 << 20);
    double uplinkBound = 16 * (s / 16) / 50e9 * Units.PICOS_PER_SECOND;
    double ratio = Kinds.collectives(flow).get(0).picos() / uplinkBound;
    assertTrue(ratio >= 1 && ratio < 2, "between the even uplink bound and twice it: " + ratio);
    assertFalse(Kinds.collectives(analytical).get(0).picos() >= Kinds.collectives(flow).get(0).picos(),
        "the analytical model does not see the oversubscription");
  }
}
