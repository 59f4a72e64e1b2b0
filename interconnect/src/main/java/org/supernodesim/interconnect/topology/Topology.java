package org.supernodesim.interconnect.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.InSwitchReduction;
import org.supernodesim.model.fabric.LinkSpec;

/**
 * A graph of vertices (chips first, ids 0..chips-1, then switches) and directed links. Links are
 * numbered in the order they were added, which is the order routing lists equal-cost choices in.
 * Chips never forward: a route leaves its source chip and enters its destination chip only.
 */
public final class Topology {

  /** One direction of a physical link; {@code tier} names its level, e.g. {@code l1}. */
  public record Link(int index, int from, int to, LinkSpec spec, String tier) {}

  private final int chips;
  private final int vertices;
  private final List<Link> links;
  private final List<List<Link>> outgoing;
  private final int chipsPerDomain;
  private final boolean[] crossDomain;
  private final InSwitchReduction inSwitchReduction;

  Topology(int chips, int vertices, List<Link> links, int chipsPerDomain, boolean[] crossDomain) {
    this(chips, vertices, links, chipsPerDomain, crossDomain, null);
  }

  private Topology(int chips, int vertices, List<Link> links, int chipsPerDomain, boolean[] crossDomain,
      InSwitchReduction inSwitchReduction) {
    this.chips = chips;
    this.inSwitchReduction = inSwitchReduction;
    this.vertices = vertices;
    this.links = Collections.unmodifiableList(new ArrayList<>(links));
    this.chipsPerDomain = chipsPerDomain;
    this.crossDomain = crossDomain.clone();
    List<List<Link>> out = new ArrayList<>(vertices);
    for (int v = 0; v < vertices; v++) {
      out.add(new ArrayList<>());
    }
    for (Link l : links) {
      out.get(l.from()).add(l);
    }
    this.outgoing = out.stream().map(Collections::unmodifiableList).toList();
  }

  /** Builds the topology a fabric spec describes for {@code chips} chips. */
  public static Topology build(FabricSpec fabric, int chips) {
    if (chips < 1) {
      throw new IllegalArgumentException("a topology needs at least one chip: " + chips);
    }
    Topology t = buildWires(fabric, chips);
    FabricSpec scaleUp = fabric instanceof FabricSpec.Hierarchy h ? h.scaleUp() : fabric;
    if (scaleUp instanceof FabricSpec.SingleSwitch s && s.inSwitchReduction() != null) {
      return new Topology(
          t.chips, t.vertices, t.links, t.chipsPerDomain, t.crossDomain, s.inSwitchReduction());
    }
    return t;
  }

  private static Topology buildWires(FabricSpec fabric, int chips) {
    if (fabric instanceof FabricSpec.SingleSwitch s) {
      return singleSwitch(chips, s.link());
    } else if (fabric instanceof FabricSpec.FullMesh s) {
      return FullMeshBuilder.build(s, chips);
    } else if (fabric instanceof FabricSpec.TwoTierClos s) {
      return ClosBuilder.build(s, chips);
    } else if (fabric instanceof FabricSpec.Torus s) {
      return TorusBuilder.build(s, chips);
    } else if (fabric instanceof FabricSpec.FatTree s) {
      return LeafSpineBuilder.fatTree(s, chips);
    } else if (fabric instanceof FabricSpec.RailOptimized s) {
      return LeafSpineBuilder.railOptimized(s, chips);
    } else if (fabric instanceof FabricSpec.Hierarchy s) {
      return HierarchyBuilder.build(s, chips);
    }
    throw new IllegalArgumentException("no topology builder for fabric " + fabric.kind());
  }

  /**
   * The topology the network models run on: {@link #build} with a Clos's parallel planes merged
   * into one plane of {@code planes} times the bandwidth. Exact for the models here, which stripe
   * every transfer evenly over a chip's planes, and 7 times fewer links and flows to share them
   * on CloudMatrix384 (384 + 48 + 16 vertices; each node's L1 has one 196 GB/s link to each of
   * the 16 L2 groups).
   */
  public static Topology buildForNetwork(FabricSpec fabric, int chips) {
    return build(mergePlanes(fabric), chips);
  }

  static FabricSpec mergePlanes(FabricSpec fabric) {
    if (fabric instanceof FabricSpec.TwoTierClos c && c.planes() > 1) {
      return new FabricSpec.TwoTierClos(
          c.chipsPerNode(), 1, c.l2SwitchesPerPlane(), times(c.chipLink(), c.planes()),
          times(c.uplink(), c.planes()));
    }
    if (fabric instanceof FabricSpec.Hierarchy h) {
      return new FabricSpec.Hierarchy(
          h.chipsPerDomain(), mergePlanes(h.scaleUp()), mergePlanes(h.scaleOut()));
    }
    return fabric;
  }

  private static LinkSpec times(LinkSpec link, int planes) {
    return new LinkSpec(link.bytesPerSecond() * planes, link.latencyPicos());
  }

  /** {@code chips} chips, each with one link up to and one link down from one switch. */
  public static Topology singleSwitch(int chips, LinkSpec link) {
    Wiring w = new Wiring(chips);
    int sw = w.addSwitches(1);
    for (int c = 0; c < chips; c++) {
      w.connect(c, sw, link, "scale-up");
    }
    return w.build();
  }

  public int chips() {
    return chips;
  }

  public int vertices() {
    return vertices;
  }

  public List<Link> links() {
    return links;
  }

  /** The links leaving vertex {@code v}, in index order. */
  public List<Link> outgoing(int v) {
    return outgoing.get(v);
  }

  /**
   * True if routes between chips {@code a} and {@code b} may use {@code link}: in a hierarchy, a
   * pair in one scale-up domain stays on it, even where the scale-out fabric is as short.
   */
  public boolean usableBetween(Link link, int a, int b) {
    return !crossDomain[link.index()] || a / chipsPerDomain != b / chipsPerDomain;
  }

  /** True if some link is reserved for traffic between scale-up domains. */
  public boolean hasDomains() {
    return chipsPerDomain > 0;
  }

  /**
   * The reduction engine of each scale-up domain's switch (NVLink SHARP), if the domain is one
   * switch that has one.
   */
  public Optional<InSwitchReduction> inSwitchReduction() {
    return Optional.ofNullable(inSwitchReduction);
  }

  /** The scale-up domain of {@code chip}, or 0 if the topology has no domains. */
  public int domainOf(int chip) {
    return chipsPerDomain > 0 ? chip / chipsPerDomain : 0;
  }
}
