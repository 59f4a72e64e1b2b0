package org.supernodesim.interconnect.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.supernodesim.interconnect.topology.Topology.Link;
import org.supernodesim.model.fabric.FabricSpec;

/**
 * Scale-up domains under a scale-out fabric: each domain's fabric and the scale-out fabric are
 * built alone and joined at the chips. Links are tiered {@code scale-up} and {@code scale-out};
 * a tier that has finer tiers of its own keeps them after a slash ({@code scale-out/l2}). The
 * scale-out links are marked as crossing domains, so routing keeps intra-domain traffic off them.
 */
final class HierarchyBuilder {
  private HierarchyBuilder() {}

  static Topology build(FabricSpec.Hierarchy spec, int chips) {
    int d = spec.chipsPerDomain();
    Wiring.requireMultiple(spec.kind(), chips, d, "domain");
    List<Link> links = new ArrayList<>();
    List<Boolean> crossing = new ArrayList<>();
    int vertices = chips;
    Topology domain = Topology.build(spec.scaleUp(), d);
    for (int first = 0; first < chips; first += d) {
      vertices = embed(domain, first, vertices, "scale-up", false, links, crossing);
    }
    Topology out = Topology.build(spec.scaleOut(), chips);
    vertices = embed(out, 0, vertices, "scale-out", true, links, crossing);
    boolean[] crossDomain = new boolean[links.size()];
    for (int i = 0; i < crossDomain.length; i++) {
      crossDomain[i] = crossing.get(i);
    }
    return new Topology(chips, vertices, links, d, crossDomain);
  }

  /** Copies {@code part}'s links, chip i as chip firstChip+i, its switches from firstSwitch on. */
  private static int embed(
      Topology part,
      int firstChip,
      int firstSwitch,
      String tier,
      boolean crossDomain,
      List<Link> links,
      List<Boolean> crossing) {
    TreeSet<String> tiers = new TreeSet<>();
    for (Link l : part.links()) {
      tiers.add(l.tier());
    }
    for (Link l : part.links()) {
      String name = tiers.size() == 1 ? tier : tier + "/" + l.tier();
      int from = vertex(part, l.from(), firstChip, firstSwitch);
      int to = vertex(part, l.to(), firstChip, firstSwitch);
      links.add(new Link(links.size(), from, to, l.spec(), name));
      crossing.add(crossDomain);
    }
    return firstSwitch + part.vertices() - part.chips();
  }

  private static int vertex(Topology part, int v, int firstChip, int firstSwitch) {
    return v < part.chips() ? firstChip + v : firstSwitch + v - part.chips();
  }
}
