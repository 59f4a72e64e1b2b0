package org.supernodesim.interconnect.topology;

import java.util.function.IntUnaryOperator;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.LinkSpec;

/**
 * Two-level leaf-spine fabrics: the fat tree (chips grouped under leaves by consecutive ids) and
 * the rail-optimised fabric (chip k of every node under rail switch k). Vertices: chips, then
 * leaves (rails), then spines. Tiers: {@code l1} chip to leaf, {@code l2} leaf to spine.
 */
final class LeafSpineBuilder {
  private LeafSpineBuilder() {}

  static Topology fatTree(FabricSpec.FatTree spec, int chips) {
    Wiring.requireMultiple(spec.kind(), chips, spec.chipsPerLeaf(), "leaf");
    int leaves = chips / spec.chipsPerLeaf();
    return build(
        chips,
        leaves,
        c -> c / spec.chipsPerLeaf(),
        spec.chipLink(),
        spec.spines(),
        spec.spineLink());
  }

  static Topology railOptimized(FabricSpec.RailOptimized spec, int chips) {
    Wiring.requireMultiple(spec.kind(), chips, spec.railsPerNode(), "node");
    return build(
        chips,
        spec.railsPerNode(),
        c -> c % spec.railsPerNode(),
        spec.nicLink(),
        spec.spines(),
        spec.spineLink());
  }

  private static Topology build(
      int chips,
      int leaves,
      IntUnaryOperator leafOf,
      LinkSpec chipLink,
      int spines,
      LinkSpec spineLink) {
    Wiring w = new Wiring(chips);
    int firstLeaf = w.addSwitches(leaves);
    int firstSpine = w.addSwitches(spines);
    for (int c = 0; c < chips; c++) {
      w.connect(c, firstLeaf + leafOf.applyAsInt(c), chipLink, "l1");
    }
    for (int leaf = 0; leaf < leaves; leaf++) {
      for (int s = 0; s < spines; s++) {
        w.connect(firstLeaf + leaf, firstSpine + s, spineLink, "l2");
      }
    }
    return w.build();
  }
}
