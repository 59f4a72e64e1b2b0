package org.supernodesim.scenario.file;

import java.util.function.Function;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.scenario.file.Sections.ChipSection;
import org.supernodesim.scenario.file.Sections.ClusterSection;

/**
 * A scenario's {@code cluster:} resolved: how many chips, which chip, which fabric ({@code
 * fabricKey}: the key that chose it, where a fabric that cannot hold the chips is refused). A
 * system preset gives all three ({@code nodes} systems under its scale-out fabric); keys written
 * beside it override the preset's.
 */
record ClusterLayout(int chips, ChipSpec chip, FabricSpec fabric, String fabricKey) {

  static ClusterLayout of(ClusterSection c, Function<ChipSection, ChipSpec> chips) {
    if (c.system() == null) {
      if (c.chips() == null) {
        throw missing("cluster.chips");
      }
      if (c.chip() == null) {
        throw missing("cluster.chip");
      }
      if (c.fabric() == null) {
        throw missing("cluster.fabric");
      }
      return new ClusterLayout(
          c.chips(), chips.apply(c.chip()), spec(c.fabric(), "cluster.fabric"), "cluster.fabric");
    }
    SystemPresets.Entry entry;
    try {
      entry = SystemPresets.standard().get(c.system());
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("cluster.system", e.getMessage());
    }
    int perSystem = entry.preset().chipsPerSystem();
    int nodes = c.nodes() == null ? 1 : c.nodes();
    long chipsOfNodes = (long) nodes * perSystem;
    if (chipsOfNodes > Integer.MAX_VALUE) {
      throw new InvalidInput("cluster.nodes", nodes + " nodes of " + perSystem + " chips are "
          + chipsOfNodes + " chips; a cluster has at most " + Integer.MAX_VALUE);
    }
    int count = (int) chipsOfNodes;
    if (c.chips() != null) {
      if (c.nodes() != null && c.chips() != count) {
        throw new InvalidInput("cluster.chips", c.chips() + "; " + nodes + " nodes of "
            + entry.preset().system() + " hold " + count + " chips; give chips or nodes, not both");
      }
      if (c.chips() < perSystem) {
        count = c.chips(); // part of one system, wired by its scale-up fabric
      } else if (c.chips() % perSystem == 0) {
        nodes = c.chips() / perSystem;
        count = c.chips();
      } else {
        throw new InvalidInput("cluster.chips", c.chips() + "; "
            + entry.preset().system() + " has " + perSystem + " chips per system: give at most "
            + perSystem + " or a multiple of it");
      }
    }
    ChipSpec chip =
        chips.apply(c.chip() == null ? ChipSection.named(entry.chip()) : c.chip());
    FabricSpec fabric;
    if (c.fabric() != null) {
      fabric = spec(c.fabric(), "cluster.fabric");
    } else {
      try {
        fabric = entry.preset().fabric(nodes);
      } catch (IllegalArgumentException e) {
        throw new InvalidInput("cluster.nodes", e.getMessage());
      }
    }
    return new ClusterLayout(count, chip, fabric, c.fabric() != null ? "cluster.fabric" : "cluster");
  }

  /**
   * The chips wired as the fabric says; refuses a fabric that cannot hold them (a Clos of 8-chip
   * nodes and 100 chips) at the key that chose the fabric.
   */
  Topology topology() {
    try {
      return Topology.build(fabric, chips);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(fabricKey, e.getMessage());
    }
  }

  private static FabricSpec spec(FabricSections.FabricSection section, String path) {
    try {
      return section.spec();
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(path, e.getMessage());
    }
  }

  private static InvalidInput missing(String path) {
    return new InvalidInput(
        path, "missing; give chips, chip and fabric, or name a system preset with cluster.system");
  }
}
