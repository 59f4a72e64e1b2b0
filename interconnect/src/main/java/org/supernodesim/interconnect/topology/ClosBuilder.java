package org.supernodesim.interconnect.topology;

import org.supernodesim.model.fabric.FabricSpec;

/**
 * The two-tier Clos of parallel planes (CloudMatrix384's UB fabric, arXiv 2506.12708 section
 * 3.3): per node one L1 switch per plane, every chip linked to each; per plane a set of L2
 * switches, each linked to that plane's L1 switch in every node. Vertices: chips, then the L1
 * switches node by node, then the L2 switches plane by plane.
 */
final class ClosBuilder {
  private ClosBuilder() {}

  static Topology build(FabricSpec.TwoTierClos spec, int chips) {
    Wiring.requireMultiple(spec.kind(), chips, spec.chipsPerNode(), "node");
    int nodes = chips / spec.chipsPerNode();
    int planes = spec.planes();
    Wiring w = new Wiring(chips);
    int firstL1 = w.addSwitches(nodes * planes);
    int firstL2 = w.addSwitches(planes * spec.l2SwitchesPerPlane());
    for (int c = 0; c < chips; c++) {
      int node = c / spec.chipsPerNode();
      for (int p = 0; p < planes; p++) {
        w.connect(c, firstL1 + node * planes + p, spec.chipLink(), "l1");
      }
    }
    for (int node = 0; node < nodes; node++) {
      for (int p = 0; p < planes; p++) {
        for (int s = 0; s < spec.l2SwitchesPerPlane(); s++) {
          int l2 = firstL2 + p * spec.l2SwitchesPerPlane() + s;
          w.connect(firstL1 + node * planes + p, l2, spec.uplink(), "l2");
        }
      }
    }
    return w.build();
  }
}
