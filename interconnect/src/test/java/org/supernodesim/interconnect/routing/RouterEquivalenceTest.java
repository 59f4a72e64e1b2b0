package org.supernodesim.interconnect.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.interconnect.topology.Fabrics;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.fabric.FabricSpec;

/**
 * The router's routes, stripes and pair bandwidths equal those of one breadth-first search per
 * destination ({@link BreadthFirstRouter}), link for link and bit for bit, on every kind of
 * fabric: results must not move when routing gets faster.
 */
class RouterEquivalenceTest {

  record Case(String name, FabricSpec fabric, int chips) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> fabrics() {
    FabricSpec.SingleSwitch oneSwitch = new FabricSpec.SingleSwitch(Fabrics.link(400, 500), null);
    FabricSpec.FatTree fatTree = new FabricSpec.FatTree(4, Fabrics.link(50, 500), 3,
        Fabrics.link(100, 300));
    return List.of(
        new Case("single switch", oneSwitch, 24),
        new Case("full mesh", new FabricSpec.FullMesh(Fabrics.link(56, 200)), 8),
        new Case("clos with planes", Fabrics.cloudMatrixUb(), 32),
        new Case("clos merged", mergedClos(), 48),
        new Case("torus", Fabrics.torus(List.of(4, 3, 2)), 24),
        new Case("torus 1d", Fabrics.torus(List.of(7)), 7),
        new Case("fat tree", fatTree, 16),
        new Case("rail optimised", new FabricSpec.RailOptimized(4, Fabrics.link(50, 500), 2,
            Fabrics.link(50, 500)), 16),
        new Case("hierarchy", new FabricSpec.Hierarchy(8, oneSwitch, fatTree), 32),
        new Case("hierarchy of clos", new FabricSpec.Hierarchy(16, Fabrics.cloudMatrixUb(),
            new FabricSpec.FatTree(8, Fabrics.link(50, 1000), 2, Fabrics.link(50, 1000))), 32));
  }

  private static FabricSpec mergedClos() {
    FabricSpec.TwoTierClos c = Fabrics.cloudMatrixUb();
    return new FabricSpec.TwoTierClos(c.chipsPerNode(), 1, c.l2SwitchesPerPlane(), c.chipLink(),
        c.uplink());
  }

  private static List<Integer> links(Route r) {
    return r.links().stream().map(Topology.Link::index).toList();
  }

  @ParameterizedTest
  @MethodSource("fabrics")
  void routesStripesAndBandwidthsEqualTheSearchPerDestination(Case c) {
    Topology topology = Topology.build(c.fabric(), c.chips());
    Router fast = new Router(topology);
    BreadthFirstRouter reference = new BreadthFirstRouter(topology);
    for (int s = 0; s < c.chips(); s++) {
      for (int d = 0; d < c.chips(); d++) {
        if (s == d) {
          continue;
        }
        String pair = c + " " + s + " -> " + d;
        assertEquals(links(reference.route(s, d)), links(fast.route(s, d)), pair);
        for (long flow = 1; flow < 4; flow++) {
          assertEquals(links(reference.route(s, d, flow)), links(fast.route(s, d, flow)), pair);
        }
        assertEquals(reference.stripedRoutes(s, d, 5).stream().map(r -> links(r)).toList(),
            fast.stripedRoutes(s, d, 5).stream().map(r -> links(r)).toList(), pair);
        assertEquals(Double.doubleToLongBits(reference.pairBytesPerSecond(s, d)),
            Double.doubleToLongBits(fast.pairBytesPerSecond(s, d)), pair);
        assertEquals(reference.route(s, d).latencyPicos(), fast.route(s, d).latencyPicos(), pair);
      }
    }
  }

  /**
   * Beyond 2,048 chips the router keeps no row per source, only each source's last few
   * destinations: asked in turn between peers (a chip between its rings' neighbours) and far away,
   * it still gives the search's route and bandwidth, hit or miss.
   */
  @Test
  void aClusterTooLargeForRowsGivesTheSearchsRoutesFromItsRecentPairs() {
    FabricSpec rails =
        new FabricSpec.RailOptimized(8, Fabrics.link(50, 500), 2, Fabrics.link(50, 500));
    Topology topology = Topology.build(rails, 4096);
    Router fast = new Router(topology);
    BreadthFirstRouter reference = new BreadthFirstRouter(topology);
    int[] sources = {0, 7, 8, 2047, 2048, 4095};
    int[] offsets = {1, 8, 64, 1, 8, 512, 2048, 1, 4088};
    for (int s : sources) {
      for (int offset : offsets) {
        int d = (s + offset) % 4096;
        String pair = s + " -> " + d;
        assertEquals(links(reference.route(s, d)), links(fast.route(s, d)), pair);
        assertEquals(Double.doubleToLongBits(reference.pairBytesPerSecond(s, d)),
            Double.doubleToLongBits(fast.pairBytesPerSecond(s, d)), pair);
      }
    }
  }
}
