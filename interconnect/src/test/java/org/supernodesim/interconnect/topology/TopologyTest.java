package org.supernodesim.interconnect.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.supernodesim.interconnect.topology.Fabrics.link;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.model.fabric.FabricSpec;

class TopologyTest {

  private static Map<String, Integer> linksPerTier(Topology t) {
    Map<String, Integer> tiers = new TreeMap<>();
    for (Topology.Link l : t.links()) {
      tiers.merge(l.tier(), 1, Integer::sum);
    }
    return tiers;
  }

  private static int hops(Topology t, int a, int b) {
    return new Router(t).route(a, b).links().size();
  }

  @Test
  void singleSwitchHasOneUpAndOneDownLinkPerChip() {
    Topology t = Topology.build(new FabricSpec.SingleSwitch(link(392, 500)), 384);
    assertEquals(385, t.vertices(), "384 chips + 1 switch");
    assertEquals(768, t.links().size(), "2 directions x 384 chips");
    assertEquals(2, hops(t, 0, 383), "chip, switch, chip");
  }

  @Test
  void fullMeshOfEightHasADirectLinkPerOrderedPair() {
    Topology t = Topology.build(new FabricSpec.FullMesh(link(56, 100)), 8);
    assertEquals(8, t.vertices(), "no switches");
    assertEquals(8 * 7, t.links().size(), "n(n-1) directed links");
    assertEquals(1, hops(t, 3, 6), "one hop between any two chips");
  }

  @Test
  void cloudMatrixClosHasTheL1AndL2SwitchesOfThePaper() {
    Topology t = Topology.build(Fabrics.cloudMatrixUb(), 384);
    // 48 nodes x 7 L1 switches; 7 planes x 16 L2 switches (arXiv 2506.12708 section 3.3.3).
    assertEquals(384 + 48 * 7 + 7 * 16, t.vertices());
    // Each chip to its node's 7 L1 switches; each L1 switch to its plane's 16 L2 switches.
    assertEquals(
        Map.of("l1", 2 * 384 * 7, "l2", 2 * 48 * 7 * 16), linksPerTier(t), "links per tier");
    assertEquals(2, hops(t, 0, 7), "same node: chip, L1, chip");
    assertEquals(4, hops(t, 0, 8), "other node: chip, L1, L2, L1, chip");
    assertEquals(1.0, Fabrics.cloudMatrixUb().oversubscription(), 1e-12, "non-blocking");
  }

  @Test
  void torusHopsAreTheSumOfRingDistancesAndItsBisectionIsTwoFaces() {
    int k = 4;
    Topology t = Topology.build(Fabrics.torus(List.of(k, k, k)), 64);
    assertEquals(128, t.vertices(), "a router per chip");
    assertEquals(Map.of("injection", 128, "torus", 64 * 3 * 2), linksPerTier(t));
    // (0,0,0) to (2,2,2): 2 hops per dimension, plus injection and ejection.
    assertEquals(2 + 2 + 2 + 2, hops(t, 0, 2 + 4 * 2 + 16 * 2));
    assertEquals(3, hops(t, 0, 3), "wrap-around: x=0 to x=3 is one torus hop");
    // Cutting at x < 2 crosses the links 1|2 and 3|0 of every x-ring: 2 k^2 per direction.
    int crossing = 0;
    for (Topology.Link l : t.links()) {
      if (l.tier().equals("torus") && l.from() - 64 < 64 && isLowX(l.from()) && !isLowX(l.to())) {
        crossing++;
      }
    }
    assertEquals(2 * k * k, crossing, "bisection links per direction of a 4x4x4 torus");
  }

  private static boolean isLowX(int router) {
    return (router - 64) % 4 < 2;
  }

  @Test
  void torusOfExtentTwoHasOneLinkPairNotTwo() {
    Topology t = Topology.build(Fabrics.torus(List.of(2, 3)), 6);
    // Along x (extent 2): 3 pairs; along y (extent 3): 6 pairs; plus 6 injection pairs.
    assertEquals(Map.of("injection", 12, "torus", 2 * (3 + 6)), linksPerTier(t));
    assertThrows(
        IllegalArgumentException.class, () -> Topology.build(Fabrics.torus(List.of(2, 3)), 7));
  }

  @Test
  void twoToOneFatTreeHasHalfAsManyUplinksAsChipsPerLeaf() {
    FabricSpec.FatTree spec = FabricSpec.FatTree.withOversubscription(4, 2.0, link(50, 500));
    assertEquals(2, spec.spines());
    Topology t = Topology.build(spec, 16);
    assertEquals(16 + 4 + 2, t.vertices(), "16 chips, 4 leaves, 2 spines");
    assertEquals(Map.of("l1", 32, "l2", 2 * 4 * 2), linksPerTier(t));
    assertEquals(2, hops(t, 0, 3), "same leaf");
    assertEquals(4, hops(t, 0, 4), "leaf, spine, leaf");
    assertEquals(2.0, spec.oversubscription(), 1e-12);
  }

  @Test
  void railOptimisedPutsSameIndexChipsOneSwitchApart() {
    Topology t =
        Topology.build(new FabricSpec.RailOptimized(8, link(50, 500), 2, link(50, 500)), 32);
    assertEquals(32 + 8 + 2, t.vertices(), "32 chips, 8 rails, 2 spines");
    assertEquals(Map.of("l1", 64, "l2", 2 * 8 * 2), linksPerTier(t));
    assertEquals(2, hops(t, 0, 8), "chip 0 of node 0 and chip 0 of node 1 share rail 0");
    assertEquals(4, hops(t, 0, 1), "cross-rail goes through a spine");
  }

  @Test
  void hierarchyKeepsDomainTrafficOnScaleUpEvenWhenScaleOutIsAsShort() {
    // 8-chip NVLink-like domains on a fat tree with 8 chips per leaf: chips 0 and 1 are two hops
    // apart on either fabric, and must use the scale-up one.
    FabricSpec spec =
        new FabricSpec.Hierarchy(
            8,
            new FabricSpec.SingleSwitch(link(450, 300)),
            FabricSpec.FatTree.withOversubscription(8, 1.0, link(50, 1000)));
    Topology t = Topology.build(spec, 32);
    assertEquals(32 + 4 + 4 + 8, t.vertices(), "chips, 4 domain switches, 4 leaves, 8 spines");
    assertEquals(
        Map.of("scale-up", 64, "scale-out/l1", 64, "scale-out/l2", 2 * 4 * 8), linksPerTier(t));
    Router router = new Router(t);
    for (long flow = 0; flow < 50; flow++) {
      assertEquals(
          List.of("scale-up", "scale-up"),
          router.route(0, 1, flow).links().stream().map(Topology.Link::tier).toList(),
          "flow " + flow + " inside a domain");
    }
    assertEquals(
        List.of("scale-out/l1", "scale-out/l2", "scale-out/l2", "scale-out/l1"),
        router.route(0, 9).links().stream().map(Topology.Link::tier).toList(),
        "between domains");
  }

  @Test
  void badSpecsAreRefusedWithTheirReason() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new FabricSpec.TwoTierClos(8, 0, 16, link(56, 200), link(28, 200)));
    assertEquals("two-tier-clos: planes must be >= 1: 0", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FabricSpec.FatTree.withOversubscription(4, 3.0, link(50, 500)));
    assertEquals(
        "fat-tree: 4 chips per leaf at 3.0:1 is not a whole number of uplinks: 1.3333333333333333",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Topology.build(Fabrics.cloudMatrixUb(), 100));
    assertEquals(
        "two-tier-clos: 100 chips are not a whole number of nodes of 8", e.getMessage());
  }
}
