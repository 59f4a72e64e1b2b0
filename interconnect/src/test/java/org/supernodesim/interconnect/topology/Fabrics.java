package org.supernodesim.interconnect.topology;

import java.util.List;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.model.units.Units;

/** Fabric specs for tests. Figures are the cited catalog ones where a system is named. */
public final class Fabrics {
  private Fabrics() {}

  /** A link of {@code gigabytesPerSecond} GB/s and {@code nanoseconds} ns per hop. */
  public static LinkSpec link(double gigabytesPerSecond, long nanoseconds) {
    return new LinkSpec(
        gigabytesPerSecond * Units.BYTES_PER_GB, nanoseconds * Units.PICOS_PER_NANOSECOND);
  }

  /**
   * CloudMatrix384's UB plane (catalog systems/cloudmatrix384.yaml, arXiv 2506.12708 section
   * 3.3): 8 chips per node, 7 planes, 16 L2 switches per plane, 28 GB/s L1-L2 links. The chip to
   * L1 link is 392 / 7 = 56 GB/s (392 GB/s per NPU over the 7 L1 switches). Per-hop latency is
   * not published; tests take 200 ns.
   */
  public static FabricSpec.TwoTierClos cloudMatrixUb() {
    return new FabricSpec.TwoTierClos(8, 7, 16, link(56, 200), link(28, 200));
  }

  public static FabricSpec.Torus torus(List<Integer> dimensions) {
    return new FabricSpec.Torus(dimensions, link(100, 100), link(400, 0));
  }
}
