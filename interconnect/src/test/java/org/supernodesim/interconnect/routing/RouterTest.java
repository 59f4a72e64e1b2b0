package org.supernodesim.interconnect.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.supernodesim.interconnect.topology.Fabrics;
import org.supernodesim.interconnect.topology.Topology;

class RouterTest {
  private final Topology clos = Topology.build(Fabrics.cloudMatrixUb(), 384);

  private static List<Integer> linkIndices(Route r) {
    return r.links().stream().map(Topology.Link::index).toList();
  }

  @Test
  void theSameFlowTakesTheSameRouteInAFreshRouter() {
    Router a = new Router(clos);
    Router b = new Router(Topology.build(Fabrics.cloudMatrixUb(), 384));
    for (long flow = 0; flow < 200; flow++) {
      int source = (int) (flow * 37 % 384);
      int destination = (int) ((flow * 101 + 9) % 384);
      if (source != destination) {
        assertEquals(
            linkIndices(a.route(source, destination, flow)),
            linkIndices(b.route(source, destination, flow)),
            "flow " + flow);
      }
    }
    assertEquals(linkIndices(a.route(5, 300, 0)), linkIndices(a.route(5, 300)), "flow 0");
  }

  @Test
  void aMillionChipSingleSwitchRoutesEveryPairWithNoMemoryPerPair() {
    int chips = 1_000_000;
    Topology oneSwitch = Topology.singleSwitch(chips, Fabrics.link(400, 500));
    Router router = new Router(oneSwitch);
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long before = runtime.totalMemory() - runtime.freeMemory();
    // Chip 0 to every other chip, and a spread of other pairs: each is its up link then the
    // destination's down link, 2 x 500 ns, at the link's 400 GB/s.
    for (int d = 1; d < chips; d++) {
      Route r = router.route(0, d);
      assertEquals(2, r.links().size());
      assertEquals(0, r.links().get(0).from());
      assertEquals(d, r.links().get(1).to());
    }
    for (int s = 1; s < chips; s += 9973) {
      int d = (int) ((s * 7919L) % chips);
      if (d != s) {
        assertEquals(1_000_000L, router.route(s, d).latencyPicos(), s + " -> " + d);
        assertEquals(400e9, router.pairBytesPerSecond(s, d), 0.0, s + " -> " + d);
        assertEquals(1, router.stripedRoutes(s, d, 3).size());
      }
    }
    System.gc();
    long after = runtime.totalMemory() - runtime.freeMemory();
    assertEquals(0, router.cachedRows(), "no cached rows");
    // A million pairs routed: a reference kept per pair would be 4 MB or more; allow 2 MB of
    // noise (class loading, the collector's own bookkeeping).
    assertTrue(after - before < 2 * 1024 * 1024, "heap grew by " + (after - before) + " bytes");
  }

  @Test
  void hashIsAPinnedFunctionOfItsInputs() {
    // Pinned so that a change of hash, which would move every ECMP choice, is seen in review.
    assertEquals(0x0L, Router.mix(0L), "SplitMix64's finaliser fixes 0");
    // SplitMix64 seeded with 0 first returns mix(0x9e3779b97f4a7c15): the reference generator's
    // well-known first output, 0xe220a8397b1dcdaf.
    assertEquals(0xe220a8397b1dcdafL, Router.mix(0x9e3779b97f4a7c15L), "SplitMix64 test vector");
  }

  @Test
  void flowsBetweenTwoNodesSpreadOverAllPlanesAndL2Switches() {
    // Between two nodes there are 7 planes x 16 L2 switches = 112 shortest paths.
    Router router = new Router(clos);
    Set<List<Integer>> routes = new HashSet<>();
    int[] perPlane = new int[7];
    int flows = 11_200;
    for (long flow = 0; flow < flows; flow++) {
      Route r = router.route(0, 8, flow);
      assertEquals(4, r.links().size());
      routes.add(linkIndices(r));
      perPlane[(r.links().get(0).to() - 384) % 7]++;
    }
    assertEquals(112, routes.size(), "every equal-cost path is used");
    for (int p = 0; p < 7; p++) {
      // Binomial(11200, 1/7): mean 1600, standard deviation 37; 5 sigma is 185.
      assertEquals(1600, perPlane[p], 185, "plane " + p + " within 5 sigma of an even split");
    }
  }

  @Test
  void routesNeverPassThroughAThirdChip() {
    Router router = new Router(clos);
    for (long flow = 0; flow < 100; flow++) {
      for (Topology.Link l : router.route(3, 200, flow).links()) {
        assertTrue(l.from() == 3 || l.from() >= 384, "leaves only the source chip");
        assertTrue(l.to() == 200 || l.to() >= 384, "enters only the destination chip");
      }
    }
  }
}
