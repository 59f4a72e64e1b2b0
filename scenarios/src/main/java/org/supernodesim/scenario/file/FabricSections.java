package org.supernodesim.scenario.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.InSwitchReduction;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.model.fabric.SystemPreset;
import org.supernodesim.scenario.file.Quantities.Bandwidth;
import org.supernodesim.scenario.file.Quantities.TimeSpan;

/**
 * The fabric keys of a scenario ({@code cluster.fabric}) and of the system presets, one record
 * per {@code kind}, each turning itself into a {@link FabricSpec}. Impossible single values are
 * refused here, naming their key.
 */
final class FabricSections {
  private FabricSections() {}

  /** {@code cluster.fabric:} the topology, chosen by {@code kind}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = SingleSwitchSection.class, name = "single-switch"),
    @JsonSubTypes.Type(value = FullMeshSection.class, name = "full-mesh"),
    @JsonSubTypes.Type(value = ClosSection.class, name = "clos"),
    @JsonSubTypes.Type(value = TorusSection.class, name = "torus"),
    @JsonSubTypes.Type(value = FatTreeSection.class, name = "fat-tree"),
    @JsonSubTypes.Type(value = RailOptimizedSection.class, name = "rail-optimized"),
    @JsonSubTypes.Type(value = HierarchySection.class, name = "hierarchy")
  })
  sealed interface FabricSection
      permits SingleSwitchSection,
          FullMeshSection,
          ClosSection,
          TorusSection,
          FatTreeSection,
          RailOptimizedSection,
          HierarchySection {
    FabricSpec spec();
  }

  /** Every chip on one port of one non-blocking switch; it may reduce in the switch (NVLS). */
  record SingleSwitchSection(
      @JsonProperty(required = true) LinkSection link, InSwitchSection inSwitchReduction)
      implements FabricSection {
    @Override
    public FabricSpec spec() {
      return new FabricSpec.SingleSwitch(
          link.spec(), inSwitchReduction == null ? null : inSwitchReduction.spec());
    }
  }

  /** {@code inSwitchReduction:} the switch's reduction engine, as calibration. */
  record InSwitchSection(
      @JsonProperty(required = true) Double efficiency,
      @JsonProperty(required = true) TimeSpan phaseLatency) {
    InSwitchSection {
      if (!(efficiency > 0 && efficiency <= 1)) {
        throw new InvalidInput("efficiency", efficiency + "; an efficiency is in (0, 1]");
      }
    }

    InSwitchReduction spec() {
      return new InSwitchReduction(efficiency, phaseLatency.picos());
    }
  }

  /** A direct link between every pair of chips. */
  record FullMeshSection(@JsonProperty(required = true) LinkSection link)
      implements FabricSection {
    @Override
    public FabricSpec spec() {
      return new FabricSpec.FullMesh(link.spec());
    }
  }

  /** A two-tier Clos of parallel planes (CloudMatrix384's UB). */
  record ClosSection(
      @JsonProperty(required = true) Integer chipsPerNode,
      @JsonProperty(required = true) Integer planes,
      @JsonProperty(required = true) Integer l2SwitchesPerPlane,
      @JsonProperty(required = true) LinkSection chipLink,
      @JsonProperty(required = true) LinkSection uplink)
      implements FabricSection {
    ClosSection {
      atLeastOne("chipsPerNode", chipsPerNode);
      atLeastOne("planes", planes);
      atLeastOne("l2SwitchesPerPlane", l2SwitchesPerPlane);
    }

    @Override
    public FabricSpec spec() {
      return new FabricSpec.TwoTierClos(
          chipsPerNode, planes, l2SwitchesPerPlane, chipLink.spec(), uplink.spec());
    }
  }

  /** A 1D to 3D torus with a router per chip. */
  record TorusSection(
      @JsonProperty(required = true) List<Integer> dimensions,
      @JsonProperty(required = true) LinkSection link,
      @JsonProperty(required = true) LinkSection injection)
      implements FabricSection {
    TorusSection {
      if (dimensions.isEmpty() || dimensions.size() > 3) {
        throw new InvalidInput("dimensions", dimensions + "; a torus has 1 to 3 dimensions");
      }
      for (Integer d : dimensions) {
        atLeastOne("dimensions", d);
      }
    }

    @Override
    public FabricSpec spec() {
      return new FabricSpec.Torus(dimensions, link.spec(), injection.spec());
    }
  }

  /**
   * A two-level fat tree: {@code chipsPerLeaf} chips under each leaf, each leaf with
   * chipsPerLeaf / oversubscription uplinks of the chips' link (2 = half as much up as down).
   */
  record FatTreeSection(
      @JsonProperty(required = true) Integer chipsPerLeaf,
      @JsonProperty(required = true) LinkSection link,
      Double oversubscription)
      implements FabricSection {
    FatTreeSection {
      atLeastOne("chipsPerLeaf", chipsPerLeaf);
      oversubscription = oversubscription == null ? 1.0 : oversubscription;
      if (!(oversubscription >= 1) || Double.isInfinite(oversubscription)) {
        throw new InvalidInput("oversubscription", oversubscription + "; write a ratio >= 1");
      }
      double spines = chipsPerLeaf / oversubscription;
      if (spines != Math.rint(spines)) {
        throw new InvalidInput(
            "oversubscription",
            oversubscription + "; chipsPerLeaf / oversubscription must be a whole number of"
                + " uplinks (" + chipsPerLeaf + " / " + oversubscription + " = " + spines + ")");
      }
    }

    @Override
    public FabricSpec spec() {
      return FabricSpec.FatTree.withOversubscription(chipsPerLeaf, oversubscription, link.spec());
    }
  }

  /** Rail-optimised scale-out: NIC k of every node on rail switch k, rails joined by spines. */
  record RailOptimizedSection(
      @JsonProperty(required = true) Integer railsPerNode,
      @JsonProperty(required = true) LinkSection nicLink,
      @JsonProperty(required = true) Integer spines,
      LinkSection spineLink)
      implements FabricSection {
    RailOptimizedSection {
      atLeastOne("railsPerNode", railsPerNode);
      atLeastOne("spines", spines);
    }

    @Override
    public FabricSpec spec() {
      return new FabricSpec.RailOptimized(
          railsPerNode, nicLink.spec(), spines, (spineLink == null ? nicLink : spineLink).spec());
    }
  }

  /** Scale-up domains of {@code chipsPerDomain} chips under a scale-out fabric. */
  record HierarchySection(
      @JsonProperty(required = true) Integer chipsPerDomain,
      @JsonProperty(required = true) FabricSection scaleUp,
      @JsonProperty(required = true) FabricSection scaleOut)
      implements FabricSection {
    HierarchySection {
      atLeastOne("chipsPerDomain", chipsPerDomain);
      if (scaleUp instanceof HierarchySection) {
        throw new InvalidInput("scaleUp", "a tier cannot itself be a hierarchy");
      }
      if (scaleOut instanceof HierarchySection) {
        throw new InvalidInput("scaleOut", "a tier cannot itself be a hierarchy");
      }
    }

    @Override
    public FabricSpec spec() {
      return new FabricSpec.Hierarchy(chipsPerDomain, scaleUp.spec(), scaleOut.spec());
    }
  }

  /**
   * One direction of a link: its bandwidth, its latency per hop, and the fraction of the
   * bandwidth transfers reach (calibration, default 1).
   */
  record LinkSection(
      @JsonProperty(required = true) Bandwidth bandwidth,
      @JsonProperty(required = true) TimeSpan latency,
      Double efficiency) {
    LinkSection {
      if (!(bandwidth.bytesPerSecond() > 0)) {
        throw new InvalidInput("bandwidth", bandwidth.text() + "; a bandwidth must be > 0 B/s");
      }
      if (latency.picos() == 0) {
        throw new InvalidInput("latency", latency.text() + "; a link needs latency > 0 (the"
            + " engine's lookahead is the shortest route's latency, and it must be at least 1 ps;"
            + " 1 ps is as good as ideal)");
      }
      efficiency = efficiency == null ? 1.0 : efficiency;
      if (!(efficiency > 0 && efficiency <= 1)) {
        throw new InvalidInput("efficiency", efficiency + "; an efficiency is in (0, 1]");
      }
    }

    /** The link as the network models see it: its bandwidth is the achievable one. */
    LinkSpec spec() {
      return new LinkSpec(bandwidth.bytesPerSecond() * efficiency, latency.picos());
    }
  }

  /** One system of the presets file. */
  record PresetSection(
      @JsonProperty(required = true) String system,
      @JsonProperty(required = true) String chip,
      @JsonProperty(required = true) Integer chipsPerSystem,
      @JsonProperty(required = true) FabricSection scaleUp,
      ScaleOutSection scaleOut,
      @JsonProperty(required = true) Map<String, String> sources) {
    SystemPreset spec() {
      return new SystemPreset(
          system, chipsPerSystem, scaleUp.spec(), scaleOut == null ? null : scaleOut.spec());
    }
  }

  /** How a preset's systems are joined, sized once the number of systems is known. */
  record ScaleOutSection(
      @JsonProperty(required = true) Boolean railOptimized,
      @JsonProperty(required = true) LinkSection nicLink,
      @JsonProperty(required = true) Double oversubscription) {
    SystemPreset.ScaleOut spec() {
      return new SystemPreset.ScaleOut(railOptimized, nicLink.spec(), oversubscription);
    }
  }

  /** The presets file. */
  record PresetsFile(@JsonProperty(required = true) List<PresetSection> presets) {}

  private static void atLeastOne(String key, Integer value) {
    if (value < 1) {
      throw new InvalidInput(key, value + "; must be >= 1");
    }
  }
}
