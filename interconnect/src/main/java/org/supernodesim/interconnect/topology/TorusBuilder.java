package org.supernodesim.interconnect.topology;

import java.util.List;
import org.supernodesim.model.fabric.FabricSpec;

/**
 * A 1D to 3D torus: chip c's router is vertex chips + c. Along a dimension of extent 2 the two
 * routers share one link pair (the wrap-around would duplicate it); extent 1 adds none.
 */
final class TorusBuilder {
  private TorusBuilder() {}

  static Topology build(FabricSpec.Torus spec, int chips) {
    if (chips != spec.chips()) {
      throw new IllegalArgumentException(
          spec.kind() + " " + spec.dimensions() + " holds " + spec.chips() + " chips, not " + chips);
    }
    List<Integer> dims = spec.dimensions();
    Wiring w = new Wiring(chips);
    int firstRouter = w.addSwitches(chips);
    for (int c = 0; c < chips; c++) {
      w.connect(c, firstRouter + c, spec.injection(), "injection");
    }
    for (int c = 0; c < chips; c++) {
      int stride = 1;
      for (int extent : dims) {
        int coordinate = (c / stride) % extent;
        if (extent > 2 || (extent == 2 && coordinate == 0)) {
          int next = c + (((coordinate + 1) % extent) - coordinate) * stride;
          w.connect(firstRouter + c, firstRouter + next, spec.link(), "torus");
        }
        stride *= extent;
      }
    }
    return w.build();
  }
}
