package org.supernodesim.scenario.file;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.interconnect.collective.CollectiveAlgorithm;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.fabric.FabricSpec;
import org.supernodesim.results.energy.Price;
import org.supernodesim.scenario.catalog.Calibrations;
import org.supernodesim.scenario.file.Sections.ChipSection;
import org.supernodesim.scenario.file.Sections.CollectiveSection;
import org.supernodesim.scenario.file.Sections.ScenarioSection;
import org.supernodesim.workload.microbench.CollectiveBenchmark;
import org.supernodesim.workload.training.TrainingJob;

/**
 * The one place where scenario sections become model specs: presets resolved, overrides applied,
 * and the checks that span several keys (a group larger than the cluster, an algorithm that does
 * not implement a kind). Each failure names the key path it is about.
 */
final class ScenarioAssembly {
  static final List<String> NETWORK_MODELS = List.of("analytical", "flow");

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
  private final PriceBook prices;
  private final ServingAssembly serving;
  private final ModelSources models;

  ScenarioAssembly(
      ChipPresets presets, ModelPresets models, PriceBook prices, java.nio.file.Path baseDirectory) {
    this.presets = presets;
    this.prices = prices;
    this.models = new ModelSources(models, baseDirectory);
    this.serving = new ServingAssembly(this.models, baseDirectory);
  }

  Scenario assemble(ScenarioSection s) {
    ClusterLayout cluster = ClusterLayout.of(s.cluster(), this::chip);
    ChipSpec chip = cluster.chip();
    FabricSpec fabric = cluster.fabric();
    if (!NETWORK_MODELS.contains(s.network().model())) {
      throw new Problem(
          "network.model",
          "\"" + s.network().model() + "\" is not a network model; valid: "
              + String.join(", ", NETWORK_MODELS));
    }
    if (s.network().model().equals("flow")) {
      long shortest =
          new AnalyticalNetwork(new Router(Topology.buildForNetwork(fabric, cluster.chips())))
              .minimumLatencyPicos();
      if (shortest < 2) {
        throw new Problem("network.model", "flow needs links with latency (the fabric's"
            + " shortest route takes " + shortest + " ps): the fabric process answers chips"
            + " with a delay of half of it");
      }
    }
    List<CollectiveBenchmark.Entry> entries = new ArrayList<>();
    List<CollectiveSection> collectives = s.workload().collectives();
    for (int i = 0; i < collectives.size(); i++) {
      entries.add(
          collective(collectives.get(i), "workload.collectives[" + i + "]", cluster.chips()));
    }
    ComputeCalibration calibration = calibration(chip.id());
    ServingWorkload servingWorkload = s.workload().serving() == null
        ? null : serving.assemble(s.workload().serving(), cluster.chips(), s.seed());
    if (servingWorkload != null) {
      if (!s.network().model().equals("analytical")) {
        throw new Problem("network.model", "\"" + s.network().model() + "\"; serving prices its"
            + " KV transfers and collectives with the analytical model only; valid: analytical");
      }
      serving.check(servingWorkload, chip, calibration, fabric, cluster.chips());
    }
    TrainingJob training =
        s.workload().training() == null
            ? null
            : TrainingAssembly.job(s.workload().training(), cluster.chips(), chip, models);
    return new Scenario(
        s.name(), s.seed(), cluster.chips(), chip, fabric, s.network().model(), entries,
        accounting(s, chip), servingWorkload, training, calibration);
  }

  /**
   * The chip's calibration; a reading ({@code alibaba-ppu@wsj}) is the same silicon, so it takes
   * its preset's, under its own name.
   */
  private static ComputeCalibration calibration(String chipId) {
    int at = chipId.indexOf('@');
    String preset = at > 0 ? chipId.substring(0, at) : chipId;
    return Calibrations.of(preset)
        .map(c -> new ComputeCalibration(c.schema(), chipId, c.matmul(), c.fusedAttention(),
            c.memory(), c.procedure()))
        .orElse(ComputeCalibration.ideal(chipId));
  }

  private Accounting accounting(ScenarioSection s, ChipSpec chip) {
    ReportSections.EnergySection e = s.energy();
    List<Price> priceList = new ArrayList<>();
    try {
      prices.chipHour(s.cost().chipHour(), chip.id()).ifPresent(priceList::add);
    } catch (IllegalArgumentException x) {
      throw new Problem("cost.chipHour", x.getMessage());
    }
    try {
      prices.electricity(s.cost().electricity()).ifPresent(priceList::add);
    } catch (IllegalArgumentException x) {
      throw new Problem("cost.electricity", x.getMessage());
    }
    double pue = e.pue() != null ? e.pue() : prices.defaultPue().orElse(1);
    String pueSource =
        e.pue() != null
            ? "scenario: energy.pue"
            : prices.defaultPue().isPresent() ? prices.defaultPueSource() : "none given";
    return new Accounting(
        s.report(), e.idlePowerFraction(), e.communicationPowerFraction(),
        e.overheadPerChip() == null ? 0 : e.overheadPerChip().watts(), pue, pueSource, priceList);
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

  private static CollectiveBenchmark.Entry collective(
      CollectiveSection c, String path, int chips) {
    CollectiveKind kind;
    try {
      kind = CollectiveKind.byLabel(c.kind());
    } catch (IllegalArgumentException e) {
      throw new Problem(path + ".kind", e.getMessage());
    }
    if (chips < 2) {
      throw new Problem("cluster.chips", chips + "; a collective needs at least 2 chips");
    }
    List<Integer> group = CollectiveGroups.ranks(c.group(), chips, path + ".group");
    if (!CollectiveAlgorithm.AUTO.equals(c.algorithm())) {
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
    }
    List<Long> sources = UnevenSizes.bytes(c.sizes(), group.size(), path + ".sizes");
    long bytes = sources.isEmpty() ? c.size().bytes() : UnevenSizes.mean(sources);
    return new CollectiveBenchmark.Entry(kind, bytes, group, c.algorithm(), c.repeat(), sources);
  }
}
