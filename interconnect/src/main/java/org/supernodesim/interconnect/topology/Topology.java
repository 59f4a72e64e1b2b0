package org.supernodesim.interconnect.topology;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.LinkSpec;

/**
 * A graph of vertices (chips first, ids 0..chips-1, then switches) and directed links. Links are
 * numbered in the order they were added, which is the order routing breaks ties in.
 */
public final class Topology {

  /** One direction of a physical link. */
  public record Link(int index, int from, int to, LinkSpec spec, String tier) {}

  private final int chips;
  private final int vertices;
  private final List<Link> links;
  private final List<List<Link>> outgoing;

  private Topology(int chips, int vertices, List<Link> links) {
    this.chips = chips;
    this.vertices = vertices;
    this.links = Collections.unmodifiableList(links);
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
    if (fabric instanceof FabricSpec.SingleSwitch s) {
      return singleSwitch(chips, s.link());
    }
    throw new IllegalArgumentException("no topology builder for fabric " + fabric.kind());
  }

  /** {@code chips} chips, each with one link up to and one link down from one switch. */
  public static Topology singleSwitch(int chips, LinkSpec link) {
    int sw = chips;
    List<Link> links = new ArrayList<>(2 * chips);
    for (int c = 0; c < chips; c++) {
      links.add(new Link(links.size(), c, sw, link, "scale-up"));
      links.add(new Link(links.size(), sw, c, link, "scale-up"));
    }
    return new Topology(chips, chips + 1, links);
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
}
