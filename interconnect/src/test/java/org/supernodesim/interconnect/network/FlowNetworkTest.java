package org.supernodesim.interconnect.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.supernodesim.interconnect.topology.Fabrics.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Fabrics;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.model.units.Units;

class FlowNetworkTest {
  private static final double PICOS = Units.PICOS_PER_SECOND;

  private static FlowNetwork network(FabricSpec fabric, int chips) {
    return new FlowNetwork(new Router(Topology.build(fabric, chips)));
  }

  /** Runs the network until nothing is in flight; returns each transfer's completion by id. */
  private static Map<Long, Long> runToEnd(FlowNetwork net) {
    Map<Long, Long> done = new TreeMap<>();
    while (net.inFlight() > 0) {
      long t = net.nextCompletionPicos();
      for (Transfer x : net.advanceTo(t)) {
        done.put(x.id(), t);
      }
    }
    return done;
  }

  @Test
  void oneFlowAloneTakesTheAnalyticalModelsTime() {
    // Given 1 GiB from chip 0 to chip 8 (another node) on CloudMatrix384's UB Clos, its planes
    // merged as the network models see them.
    Router router = new Router(Topology.buildForNetwork(Fabrics.cloudMatrixUb(), 384));
    FlowNetwork net = new FlowNetwork(router);
    long bytes = Units.BYTES_PER_GIB;
    net.start(new Transfer(0, 0, 8, bytes), 0);

    // Then it is striped over two L2 groups and drains at 7 x 56 = 392 GB/s, the chip's whole UB
    // bandwidth, and completes at latency + bytes / 392 GB/s, as the alpha-beta model says,
    // exactly: both round bytes * (1e12 / rate) once.
    assertEquals(392e9, router.pairBytesPerSecond(0, 8), 1e-3, "striped pair bandwidth");
    assertEquals(392e9, net.rateBytesPerSecond(0), 1e-3, "its max-min rate alone");
    long latencyPicos = router.route(0, 8, 0).latencyPicos();
    long expected = new AnalyticalNetwork(router).transferPicos(0, 8, bytes);
    assertEquals(expected - latencyPicos, net.nextCompletionPicos(), "first event: the drain");
    Map<Long, Long> done = runToEnd(net);
    assertEquals(expected, done.get(0L).longValue(), "lone flow = analytical model to the ps");
  }

  @Test
  void twoFlowsThroughOneLinkEachGetHalf() {
    // Given chips 0 and 1 both sending S to chip 2 behind one switch: they share chip 2's
    // ejection link of B.
    double bytesPerSecond = 100 * Units.BYTES_PER_GB;
    long latencyPicos = 500_000;
    FlowNetwork net =
        network(new FabricSpec.SingleSwitch(new LinkSpec(bytesPerSecond, latencyPicos)), 4);
    long bytes = 1_000_000_000;
    net.start(new Transfer(1, 0, 2, bytes), 0);
    net.start(new Transfer(2, 1, 2, bytes), 0);

    // Then each drains at B/2, and completes at 2 hops of latency + S / (B/2).
    assertEquals(bytesPerSecond / 2, net.rateBytesPerSecond(1), 0.0, "flow 1 gets B/2 exactly");
    assertEquals(bytesPerSecond / 2, net.rateBytesPerSecond(2), 0.0, "flow 2 gets B/2 exactly");
    long expected = 2 * latencyPicos + Math.round(bytes / (bytesPerSecond / 2) * PICOS);
    assertEquals(Map.of(1L, expected, 2L, expected), runToEnd(net), "both at 2L + 2S/B, to 1 ps");

    // And the shared link carried 2S; each flow crossed 2 links, so the tier carried 4S.
    LinkUsage busiest = net.busiestLinks(1).get(0);
    assertEquals(2 * bytes, busiest.bytes(), "chip 2's ejection link carried both flows");
    assertEquals(2, busiest.link().to(), "the busiest link enters chip 2");
    assertEquals(expected - 2 * latencyPicos, busiest.busyPicos(), "busy while they drained");
    assertEquals(Map.of("scale-up", 4 * bytes), net.bytesPerTier());
  }

  @Test
  void aFlowThatJoinsHalfwaySlowsTheFirst() {
    // Given S over a link of B, and a second S over the same link starting at S/(2B).
    double b = 50 * Units.BYTES_PER_GB;
    FlowNetwork net = network(new FabricSpec.SingleSwitch(link(50, 0)), 3);
    long s = 500_000_000;
    long alonePicos = Math.round(s / b * PICOS); // 10 ms
    net.start(new Transfer(1, 0, 2, s), 0);
    assertEquals(alonePicos, net.nextCompletionPicos());
    net.advanceTo(alonePicos / 2);
    net.start(new Transfer(2, 1, 2, s), alonePicos / 2);

    // Then the first has S/2 left at B/2: it ends at 1.5 S/B; the second has S/2 left then, at B:
    // it ends at 2 S/B (the link was busy throughout, carrying 2S).
    Map<Long, Long> done = runToEnd(net);
    assertEquals(1.5 * alonePicos, done.get(1L), 2.0, "first at 1.5 S/B, within 2 ps of rounding");
    assertEquals(2.0 * alonePicos, done.get(2L), 2.0, "second at 2 S/B, within 2 ps of rounding");
  }

  @Test
  void maxMinOnTheParkingLotMatchesHandComputedRates() {
    // Given a ring of 8 routers (a 1D torus) with router links of C = 100 GB/s and injection
    // links of 10 C, so only router links constrain. The parking lot: a long flow 0->3 crosses
    // links 0>1, 1>2, 2>3; short flows cross one link each: 0->1 once, 1->2 twice, 2->3 once.
    double c = 100 * Units.BYTES_PER_GB;
    FlowNetwork net =
        network(new FabricSpec.Torus(List.of(8), link(100, 100), link(1000, 0)), 8);
    long bytes = 1_000_000;
    net.start(new Transfer(0, 0, 3, bytes), 0);
    net.start(new Transfer(1, 0, 1, bytes), 0);
    net.start(new Transfer(2, 1, 2, bytes), 0);
    net.start(new Transfer(3, 1, 2, bytes), 0);
    net.start(new Transfer(4, 2, 3, bytes), 0);

    // Then link 1>2 (3 flows) is the bottleneck: long and its two short flows get C/3; the short
    // flows on 0>1 and 2>3 get what the long flow leaves, C - C/3 = 2C/3.
    double tolerance = c * 1e-12;
    String why = "max-min rate within 1e-12 C of the hand-computed one";
    assertEquals(c / 3, net.rateBytesPerSecond(0), tolerance, "long flow: " + why);
    assertEquals(2 * c / 3, net.rateBytesPerSecond(1), tolerance, "short 0>1: " + why);
    assertEquals(c / 3, net.rateBytesPerSecond(2), tolerance, "short 1>2: " + why);
    assertEquals(c / 3, net.rateBytesPerSecond(3), tolerance, "short 1>2: " + why);
    assertEquals(2 * c / 3, net.rateBytesPerSecond(4), tolerance, "short 2>3: " + why);
  }

  @Test
  void twoToOneOversubscribedFatTreeHalvesCrossPodAllToAllBandwidth() {
    // Given 2 leaves of 4 chips with chip links of B and one spine. Non-blocking: the leaf's
    // uplink is 4B; 2:1 oversubscribed: 2B. Every chip sends S to each chip of the other leaf.
    long s = 100_000_000;
    long nonBlocking = crossPodAllToAllPicos(4 * 25, s);
    long oversubscribed = crossPodAllToAllPicos(2 * 25, s);

    // Then non-blocking: 16 flows share each uplink of 4B and 4 share each chip link of B, so all
    // get B/4 and finish at S/(B/4) + 4 hops of latency; at 2:1 the uplink gives B/8 each.
    double b = 25 * Units.BYTES_PER_GB;
    long latency = 4 * 1_000_000;
    assertEquals(latency + Math.round(s / (b / 4) * PICOS), nonBlocking, 1.0, "S/(B/4), 1 ps");
    assertEquals(latency + Math.round(s / (b / 8) * PICOS), oversubscribed, 1.0, "S/(B/8), 1 ps");
    assertEquals(
        2.0,
        (oversubscribed - latency) / (double) (nonBlocking - latency),
        1e-9,
        "cross-pod bandwidth halves at 2:1, to rounding");
  }

  private static long crossPodAllToAllPicos(double uplinkGigabytesPerSecond, long bytes) {
    FabricSpec.FatTree spec =
        new FabricSpec.FatTree(4, link(25, 1000), 1, link(uplinkGigabytesPerSecond, 1000));
    FlowNetwork net = network(spec, 8);
    long id = 0;
    for (int a = 0; a < 8; a++) {
      for (int b = 0; b < 8; b++) {
        if (a / 4 != b / 4) {
          net.start(new Transfer(id++, a, b, bytes), 0);
        }
      }
    }
    return runToEnd(net).values().stream().mapToLong(Long::longValue).max().orElseThrow();
  }

  @Test
  void theSameAllToAllGivesTheSamePicosecondsTwice() {
    assertEquals(allToAllOnClos(), allToAllOnClos(), "completion times, transfer by transfer");
  }

  private static List<Long> allToAllOnClos() {
    FlowNetwork net = network(Fabrics.cloudMatrixUb(), 16);
    long id = 0;
    List<Long> completions = new ArrayList<>();
    for (int a = 0; a < 16; a++) {
      for (int b = 0; b < 16; b++) {
        if (a != b) {
          // Staggered starts and sizes, so rates change many times.
          net.start(new Transfer(id, a, b, 1_000_000 + 7919 * id), 1000 * id);
          id++;
        }
      }
    }
    while (net.inFlight() > 0) {
      long t = net.nextCompletionPicos();
      for (Transfer x : net.advanceTo(t)) {
        completions.add(x.id());
        completions.add(t);
      }
    }
    assertTrue(net.solves() > 100, "rates changed many times: " + net.solves());
    return completions;
  }

  @Test
  void aZeroByteTransferCompletesAfterTheRouteLatency() {
    FlowNetwork net = network(new FabricSpec.SingleSwitch(link(100, 700)), 2);
    net.start(new Transfer(9, 0, 1, 0), 5);
    assertEquals(Map.of(9L, 5 + 2 * 700_000L), runToEnd(net));
  }
}
