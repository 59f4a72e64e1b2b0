package org.supernodesim.scenario.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.supernodesim.interconnect.collective.CollectiveAlgorithm;
import org.supernodesim.interconnect.collective.Collectives;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.workload.training.Fidelity;
import org.supernodesim.results.energy.Price;
import org.supernodesim.scenario.catalog.Calibrations;
import org.supernodesim.scenario.file.Sections.ChipSection;
import org.supernodesim.scenario.file.Sections.CollectiveSection;
import org.supernodesim.scenario.file.Sections.CollectivesSection;
import org.supernodesim.scenario.file.Sections.ScenarioSection;
import org.supernodesim.scenario.file.Sections.WorkloadSection;
import org.supernodesim.scenario.file.ServingSections.ServingSection;
import org.supernodesim.scenario.file.TrainingSections.TrainingSection;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.microbench.CollectiveBenchmark;
import org.supernodesim.workload.training.StepGenerator;

/**
 * The one place where scenario sections become model specs and the one place that builds the {@link
 * Workload}: presets resolved, overrides applied, and the checks that span several keys (a group
 * larger than the cluster, an algorithm that does not implement a kind, a network model the
 * workload does not run on, a run that cannot fit the heap). It builds the topology (to check the
 * fabric holds the chips and to price serving) but no simulation. Each failure is an {@link
 * InvalidInput} naming the key path it is about.
 */
final class ScenarioAssembly {
  private final ChipPresets presets;
  private final PriceBook prices;
  private final ServingAssembly serving;
  private final ModelSources models;
  private final long heapBytes;
  private final Path baseDirectory;

  ScenarioAssembly(
      ChipPresets presets,
      ModelPresets models,
      PriceBook prices,
      Path baseDirectory,
      long heapBytes) {
    this.presets = presets;
    this.prices = prices;
    this.models = new ModelSources(models, baseDirectory);
    this.serving = new ServingAssembly(this.models, baseDirectory);
    this.heapBytes = heapBytes;
    this.baseDirectory = baseDirectory;
  }

  Scenario assemble(ScenarioSection s) {
    ClusterLayout cluster = ClusterLayout.of(s.cluster(), this::chip);
    ChipSpec chip = cluster.chip();
    // Before anything is built for the chips: a run that cannot fit is refused in seconds.
    MemoryEstimate.of(cluster.chips(), demands(s.workload(), cluster.chips()))
        .check(heapBytes, ScenarioAssembly::machineBytes);
    List<CollectiveBenchmark.Entry> collectives = collectives(s.workload(), cluster.chips());
    Topology topology = cluster.topology();
    // One router for the checks: building one walks every chip's links (a few ms for 384 chips,
    // run interpreted this early), and its route caches serve each check alike.
    Router router = new Router(topology);
    checkLookahead(s.network().model(), router);
    checkClock(collectives, topology);
    checkAlgorithms(collectives, router);
    ComputeCalibration calibration = calibration(chip.id());
    Workload workload = workload(s, collectives, chip, calibration, topology);
    if (workload instanceof TrainingWorkload t) {
      checkTrainingAlgorithm(t, router);
    }
    if (!workload.networkModels().contains(s.network().model())) {
      throw new InvalidInput(
          "network.model",
          "\""
              + s.network().model().label()
              + "\"; "
              + workload.networkModelsReason()
              + "; valid here: "
              + String.join(
                  ", ", workload.networkModels().stream().map(NetworkModel::label).toList()));
    }
    if (workload instanceof TrainingWorkload t) {
      checkFidelity(t);
    }
    if (workload instanceof ServingWorkload && !s.timeline().chips().isEmpty()) {
      throw new InvalidInput("timeline.chips",
          "a serving timeline draws instances, not chips; valid for training and collectives");
    }
    return new Scenario(
        s.name(),
        s.seed(),
        cluster.chips(),
        chip,
        cluster.fabric(),
        calibration,
        s.network().model(),
        workload,
        accounting(s, chip),
        Optional.ofNullable(s.cluster().system()),
        timelineChips(s.timeline().chips(), cluster.chips()));
  }

  /**
   * Chip fidelity runs a ring attention hop as a pair collective of neighbours, which holds for two
   * context-parallel ranks only.
   */
  private static void checkFidelity(TrainingWorkload t) {
    Fidelity f = t.fidelity().orElse(null);
    if (f == Fidelity.CHIP && t.job().parallelism().cp() > 2) {
      throw new InvalidInput(
          "workload.training.fidelity",
          "chip runs ring attention's hops for cp <= 2 only; cp is "
              + t.job().parallelism().cp()
              + ": choose fidelity: stage");
    }
  }

  /** {@code timeline.chips}: global ranks of this cluster, each once. */
  private static List<Integer> timelineChips(List<Integer> ranks, int chips) {
    for (int i = 0; i < ranks.size(); i++) {
      int r = ranks.get(i);
      if (r < 0 || r >= chips || ranks.indexOf(r) != i) {
        throw new InvalidInput("timeline.chips[" + i + "]",
            r + ": each a global rank of the " + chips + " chips (0.." + (chips - 1) + "), once");
      }
    }
    return ranks;
  }

  /**
   * The machine's memory, for the advice when a run does not fit the heap: asked only then, since
   * the management beans it takes load about 70 classes (JMX, cgroup metrics) into every run.
   */
  private static long machineBytes() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean m
        ? m.getTotalMemorySize()
        : Runtime.getRuntime().maxMemory();
  }

  /** The one switch over the workload's key: each kind assembled from its section. */
  private Workload workload(
      ScenarioSection s,
      List<CollectiveBenchmark.Entry> collectives,
      ChipSpec chip,
      ComputeCalibration calibration,
      Topology topology) {
    WorkloadSection w = s.workload();
    if (w instanceof CollectivesSection) {
      return new CollectiveWorkload(collectives);
    } else if (w instanceof TrainingSection t) {
      return TrainingAssembly.workload(t, topology.chips(), chip, models, s.seed());
    } else if (w instanceof ServingSection v) {
      return serving.assemble(v, new ServingAssembly.Chips(chip, calibration, topology), s.seed());
    } else if (w instanceof TraceSections.TraceSection t) {
      return TraceAssembly.workload(t, topology.chips(), baseDirectory);
    }
    throw new IllegalStateException("no assembly for workload section " + w);
  }

  /** What the collectives of a collectives workload ask of the heap; none for another kind. */
  private static List<MemoryEstimate.Collective> demands(WorkloadSection w, int chips) {
    List<MemoryEstimate.Collective> demands = new ArrayList<>();
    if (w instanceof CollectivesSection c) {
      for (CollectiveSection x : c.collectives()) {
        demands.add(
            new MemoryEstimate.Collective(
                x.kind(), x.algorithm(), CollectiveGroups.size(x.group(), chips), x.repeat()));
      }
    }
    return demands;
  }

  /** The collectives of a collectives workload; none for another kind. */
  private static List<CollectiveBenchmark.Entry> collectives(WorkloadSection w, int chips) {
    List<CollectiveBenchmark.Entry> entries = new ArrayList<>();
    if (w instanceof CollectivesSection c) {
      for (int i = 0; i < c.collectives().size(); i++) {
        entries.add(collective(c.collectives().get(i), "workload.collectives[" + i + "]", chips));
      }
    }
    return entries;
  }

  /**
   * Refuses a fabric on which the engine would get no lookahead: a process's messages must take at
   * least 1 ps (the flow model answers chips in half the shortest route's latency, so it needs 2
   * ps). Links are refused at 0 latency where they are written; this catches the rest.
   */
  private static void checkLookahead(NetworkModel model, Router router) {
    long shortest = new AnalyticalNetwork(router).minimumLatencyPicos();
    long needed = model == NetworkModel.FLOW ? 2 : 1;
    if (shortest < needed) {
      throw new InvalidInput(
          model == NetworkModel.FLOW ? "network.model" : "cluster.fabric",
          "the fabric's shortest route takes "
              + shortest
              + " ps; the "
              + model.label()
              + " model needs at least "
              + needed
              + " ps (the engine's lookahead: processes"
              + " answer each other no sooner than that); give the links latency");
    }
  }

  /**
   * Refuses a collective whose bytes could take longer than the simulator's clock holds, so
   * validate never passes what run cannot represent. The bound is generous: every member's buffer
   * crossing the fabric's slowest link twice (a ring all-reduce sends each byte twice; the members'
   * flows may share one link), which a real scenario is far below.
   */
  private static void checkClock(List<CollectiveBenchmark.Entry> entries, Topology topology) {
    double slowest = Double.POSITIVE_INFINITY;
    for (Topology.Link l : topology.links()) {
      slowest = Math.min(slowest, l.spec().bytesPerSecond());
    }
    for (int i = 0; i < entries.size(); i++) {
      CollectiveBenchmark.Entry e = entries.get(i);
      long largest = e.sourceBytes().stream().mapToLong(Long::longValue).max().orElse(e.bytes());
      double seconds = 2.0 * largest * e.groupSize() / slowest;
      if (seconds > Quantities.MAX_SECONDS) {
        throw new InvalidInput(
            "workload.collectives[" + i + "]",
            String.format(
                java.util.Locale.ROOT,
                "%d B over the fabric's slowest link (%.3g B/s) can take %.3g s; the simulator's"
                    + " clock holds up to 1e6 s (picoseconds in 63 bits): give a smaller size or"
                    + " faster links",
                largest,
                slowest,
                seconds));
      }
    }
  }

  /**
   * Refuses an algorithm the scenario names that cannot run over its group on this fabric (mesh
   * off a full mesh, hierarchical inside one domain, nvls without a reducing switch), so the run
   * never starts one it would have to stop.
   */
  private static void checkAlgorithms(List<CollectiveBenchmark.Entry> entries, Router router) {
    Collectives collectives = null;
    for (int i = 0; i < entries.size(); i++) {
      CollectiveBenchmark.Entry e = entries.get(i);
      if (e.algorithm() == AlgorithmChoice.AUTO) {
        continue;
      }
      collectives = collectives != null ? collectives : new Collectives(router);
      try {
        collectives.resolve(e.kind(), e.algorithm(), e.group(), e.bytes());
      } catch (IllegalArgumentException x) {
        throw new InvalidInput("workload.collectives[" + i + "].algorithm", x.getMessage());
      }
    }
  }

  /**
   * Refuses a training {@code collectiveAlgorithm} that cannot run one of the step's groups (mesh
   * where a group crosses servers or has 2 chips). The representative ranks' groups stand for all:
   * every other rank's group of a kind is the same shape on the same kind of server.
   */
  private static void checkTrainingAlgorithm(TrainingWorkload t, Router router) {
    if (t.collectiveAlgorithm() == AlgorithmChoice.AUTO) {
      return;
    }
    Collectives collectives = new Collectives(router);
    Set<List<Object>> checked = new HashSet<>();
    for (OperationGraph g : StepGenerator.generate(t.job(), t::algorithm).graphs()) {
      for (Operation op : g.operations()) {
        if (op instanceof Operation.Collective c && c.algorithm() != AlgorithmChoice.AUTO
            && checked.add(List.of(c.kind(), c.group()))) {
          try {
            collectives.resolve(c.kind(), c.algorithm(), c.group(), c.bytes());
          } catch (IllegalArgumentException x) {
            throw new InvalidInput("workload.training.collectiveAlgorithm",
                x.getMessage() + " (the step's " + c.name() + "); auto, the default, chooses per"
                    + " group");
          }
        }
      }
    }
  }

  /**
   * The chip's calibration; a reading ({@code alibaba-ppu@wsj}) is the same silicon, so it takes
   * its preset's, under its own name.
   */
  private static ComputeCalibration calibration(String chipId) {
    int at = chipId.indexOf('@');
    String preset = at > 0 ? chipId.substring(0, at) : chipId;
    return Calibrations.of(preset)
        .map(c -> c.forChip(chipId))
        .orElse(ComputeCalibration.ideal(chipId));
  }

  private Accounting accounting(ScenarioSection s, ChipSpec chip) {
    ReportSections.EnergySection e = s.energy();
    List<Price> priceList = new ArrayList<>();
    try {
      prices.chipHour(s.cost().chipHour(), chip.id()).ifPresent(priceList::add);
    } catch (IllegalArgumentException x) {
      throw new InvalidInput("cost.chipHour", x.getMessage());
    }
    try {
      prices.electricity(s.cost().electricity()).ifPresent(priceList::add);
    } catch (IllegalArgumentException x) {
      throw new InvalidInput("cost.electricity", x.getMessage());
    }
    double pue = e.pue() != null ? e.pue() : prices.defaultPue().orElse(1);
    String pueSource =
        e.pue() != null
            ? "scenario: energy.pue"
            : prices.defaultPue().isPresent() ? prices.defaultPueSource() : "none given";
    return new Accounting(
        s.report(),
        e.idlePowerFraction(),
        e.communicationPowerFraction(),
        e.overheadPerChip() == null ? 0 : e.overheadPerChip().watts(),
        pue,
        pueSource,
        priceList);
  }

  private ChipSpec chip(ChipSection c) {
    ChipSpec chip;
    try {
      chip = presets.chip(c.preset());
    } catch (IllegalArgumentException e) {
      throw new InvalidInput("cluster.chip.preset", e.getMessage());
    }
    for (var o : c.overrides().entrySet()) {
      chip = override(chip, o.getKey(), o.getValue());
    }
    return chip;
  }

  private static ChipSpec override(ChipSpec chip, ChipFigure figure, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new InvalidInput("cluster.chip." + figure.key(), value + "; a figure must be > 0");
    }
    return chip.withOverride(figure, value, "scenario: cluster.chip." + figure.key());
  }

  private static CollectiveBenchmark.Entry collective(CollectiveSection c, String path, int chips) {
    if (chips < 2) {
      throw new InvalidInput("cluster.chips", chips + "; a collective needs at least 2 chips");
    }
    List<Integer> group = CollectiveGroups.ranks(c.group(), chips, path + ".group");
    if (c.algorithm() != AlgorithmChoice.AUTO
        && !CollectiveAlgorithm.of(c.algorithm()).supports(c.kind())) {
      throw new InvalidInput(
          path + ".algorithm", c.algorithm().label() + " does not implement " + c.kind().label());
    }
    List<Long> sources = UnevenSizes.bytes(c.sizes(), group.size(), path + ".sizes");
    long bytes = sources.isEmpty() ? c.size().bytes() : UnevenSizes.mean(sources);
    return new CollectiveBenchmark.Entry(
        c.kind(), bytes, group, c.algorithm(), c.repeat(), sources);
  }
}
