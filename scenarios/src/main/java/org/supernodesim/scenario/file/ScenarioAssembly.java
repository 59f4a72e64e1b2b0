package org.supernodesim.scenario.file;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.interconnect.collective.CollectiveAlgorithm;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.scenario.catalog.Calibrations;
import org.supernodesim.scenario.file.Sections.ChipSection;
import org.supernodesim.scenario.file.Sections.ClusterSection;
import org.supernodesim.scenario.file.Sections.CollectiveSection;
import org.supernodesim.scenario.file.Sections.LinkSection;
import org.supernodesim.scenario.file.Sections.ScenarioSection;
import org.supernodesim.scenario.file.Sections.SingleSwitchSection;
import org.supernodesim.workload.microbench.CollectiveBenchmark;
import org.supernodesim.workload.training.TrainingJob;

/**
 * The one place where scenario sections become model specs: presets resolved, overrides applied,
 * and the checks that span several keys (a group larger than the cluster, an algorithm that does
 * not implement a kind). Each failure names the key path it is about.
 */
final class ScenarioAssembly {
  static final List<String> NETWORK_MODELS = List.of("analytical");

  /** A check across keys failed: the problem and the key path it is about. */
  static final class Problem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String keyPath;

    Problem(String keyPath, String message) {
      super(message);
      this.keyPath = keyPath;
    }
  }

  private final ChipPresets presets;

  ScenarioAssembly(ChipPresets presets) {
    this.presets = presets;
  }

  Scenario assemble(ScenarioSection s) {
    ClusterSection cluster = s.cluster();
    ChipSpec chip = chip(cluster.chip());
    FabricSpec fabric = fabric(cluster);
    if (!NETWORK_MODELS.contains(s.network().model())) {
      throw new Problem(
          "network.model",
          "\"" + s.network().model() + "\" is not a network model; valid: "
              + String.join(", ", NETWORK_MODELS));
    }
    List<CollectiveBenchmark.Entry> entries = new ArrayList<>();
    List<CollectiveSection> collectives = s.workload().collectives();
    for (int i = 0; i < collectives.size(); i++) {
      entries.add(collective(collectives.get(i), "workload.collectives[" + i + "]", cluster.chips()));
    }
    TrainingJob training =
        s.workload().training() == null
            ? null
            : TrainingAssembly.job(s.workload().training(), cluster.chips(), chip);
    return new Scenario(
        s.name(), s.seed(), cluster.chips(), chip, fabric, s.network().model(), entries, training,
        Calibrations.of(chip.id()).orElse(ComputeCalibration.ideal(chip.id())));
  }

  private ChipSpec chip(ChipSection c) {
    ChipSpec chip;
    try {
      chip = presets.chip(c.preset());
    } catch (IllegalArgumentException e) {
      throw new Problem("cluster.chip.preset", e.getMessage());
    }
    for (var o : c.overrides().entrySet()) {
      chip = override(chip, o.getKey(), o.getValue());
    }
    return chip;
  }

  private static ChipSpec override(ChipSpec chip, ChipFigure figure, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new Problem("cluster.chip." + figure.key(), value + "; a figure must be > 0");
    }
    return chip.withOverride(figure, value, "scenario: cluster.chip." + figure.key());
  }

  private static FabricSpec fabric(ClusterSection cluster) {
    if (cluster.fabric() instanceof SingleSwitchSection s) {
      return new FabricSpec.SingleSwitch(link(s.link()));
    }
    throw new IllegalStateException("no assembly for fabric section " + cluster.fabric());
  }

  private static LinkSpec link(LinkSection l) {
    return new LinkSpec(l.bandwidth().bytesPerSecond(), l.latency().picos());
  }

  private static CollectiveBenchmark.Entry collective(
      CollectiveSection c, String path, int chips) {
    CollectiveKind kind;
    try {
      kind = CollectiveKind.byLabel(c.kind());
    } catch (IllegalArgumentException e) {
      throw new Problem(path + ".kind", e.getMessage());
    }
    int group = c.group() == null ? chips : c.group();
    if (group > chips) {
      throw new Problem(
          path + ".group", group + "; the group is larger than the cluster (" + chips + " chips)");
    }
    if (group < 2) {
      throw new Problem("cluster.chips", chips + "; a collective needs at least 2 chips");
    }
    CollectiveAlgorithm algorithm;
    try {
      algorithm = CollectiveAlgorithm.named(c.algorithm());
    } catch (IllegalArgumentException e) {
      throw new Problem(path + ".algorithm", e.getMessage());
    }
    if (!algorithm.supports(kind)) {
      throw new Problem(
          path + ".algorithm", algorithm.name() + " does not implement " + kind.label());
    }
    return new CollectiveBenchmark.Entry(kind, c.size().bytes(), group, algorithm.name(), c.repeat());
  }
}
