package org.supernodesim.scenario.file;

import java.util.function.Function;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.scenario.file.Sections.ChipSection;
import org.supernodesim.scenario.file.Sections.ClusterSection;

/**
 * A scenario's {@code cluster:} resolved: how many chips, which chip, which fabric. A system
 * preset gives all three ({@code nodes} systems under its scale-out fabric); keys written beside
 * it override the preset's.
 */
record ClusterLayout(int chips, ChipSpec chip, FabricSpec fabric) {

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
      return checked(
          new ClusterLayout(c.chips(), chips.apply(c.chip()), spec(c.fabric(), "cluster.fabric")),
          "cluster.fabric");
    }
    SystemPresets.Entry entry;
    try {
      entry = SystemPresets.standard().get(c.system());
    } catch (IllegalArgumentException e) {
      throw new ScenarioAssembly.Problem("cluster.system", e.getMessage());
    }
    int perSystem = entry.preset().chipsPerSystem();
    int nodes = c.nodes() == null ? 1 : c.nodes();
    int count = nodes * perSystem;
    if (c.chips() != null) {
      if (c.nodes() != null && c.chips() != count) {
        throw new ScenarioAssembly.Problem("cluster.chips", c.chips() + "; " + nodes + " nodes of "
            + entry.preset().system() + " hold " + count + " chips; give chips or nodes, not both");
      }
      if (c.chips() < perSystem) {
        count = c.chips(); // part of one system, wired by its scale-up fabric
      } else if (c.chips() % perSystem == 0) {
        nodes = c.chips() / perSystem;
        count = c.chips();
      } else {
        throw new ScenarioAssembly.Problem("cluster.chips", c.chips() + "; "
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
        throw new ScenarioAssembly.Problem("cluster.nodes", e.getMessage());
      }
    }
    return checked(new ClusterLayout(count, chip, fabric), "cluster");
  }

  /** Refuses a fabric that cannot hold the chips (a Clos of 8-chip nodes and 100 chips). */
  private static ClusterLayout checked(ClusterLayout layout, String path) {
    try {
      Topology.build(layout.fabric(), layout.chips());
    } catch (IllegalArgumentException e) {
      throw new ScenarioAssembly.Problem(path, e.getMessage());
    }
    return layout;
  }

  private static FabricSpec spec(FabricSections.FabricSection section, String path) {
    try {
      return section.spec();
    } catch (IllegalArgumentException e) {
      throw new ScenarioAssembly.Problem(path, e.getMessage());
    }
  }

  private static ScenarioAssembly.Problem missing(String path) {
    return new ScenarioAssembly.Problem(
        path, "missing; give chips, chip and fabric, or name a system preset with cluster.system");
  }
}
