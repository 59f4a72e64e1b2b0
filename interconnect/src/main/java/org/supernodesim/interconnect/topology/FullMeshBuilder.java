package org.supernodesim.interconnect.topology;

import org.supernodesim.model.fabric.FabricSpec;

/** Direct links between every pair of chips: n(n-1) links, one hop between any two chips. */
final class FullMeshBuilder {
  private FullMeshBuilder() {}

  static Topology build(FabricSpec.FullMesh spec, int chips) {
    Wiring w = new Wiring(chips);
    for (int a = 0; a < chips; a++) {
      for (int b = a + 1; b < chips; b++) {
        w.connect(a, b, spec.link(), "scale-up");
      }
    }
    return w.build();
  }
}
