package org.supernodesim.interconnect.topology;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.interconnect.topology.Topology.Link;
import org.supernodesim.model.fabric.LinkSpec;

/** A topology under construction: chips are vertices 0..chips-1, switches are added after. */
final class Wiring {
  final int chips;
  private int vertices;
  private final List<Link> links = new ArrayList<>();

  Wiring(int chips) {
    this.chips = chips;
    this.vertices = chips;
  }

  /** Adds {@code count} switches; returns the id of the first. */
  int addSwitches(int count) {
    int first = vertices;
    vertices += count;
    return first;
  }

  /** Adds one link in each direction between {@code a} and {@code b}, a to b first. */
  void connect(int a, int b, LinkSpec spec, String tier) {
    add(a, b, spec, tier);
    add(b, a, spec, tier);
  }

  void add(int from, int to, LinkSpec spec, String tier) {
    links.add(new Link(links.size(), from, to, spec, tier));
  }

  int vertices() {
    return vertices;
  }

  List<Link> links() {
    return links;
  }

  Topology build() {
    return new Topology(chips, vertices, links, 0, new boolean[links.size()]);
  }

  static void requireMultiple(String kind, int chips, int groupSize, String group) {
    if (chips % groupSize != 0) {
      throw new IllegalArgumentException(
          kind + ": " + chips + " chips are not a whole number of " + group + "s of " + groupSize);
    }
  }
}
