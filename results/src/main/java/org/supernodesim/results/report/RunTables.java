package org.supernodesim.results.report;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.ChipSummary;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.EngineFacts;
import org.supernodesim.results.NetworkResult;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.RunInfo;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.serving.InstanceSeries;
import org.supernodesim.results.serving.LatencySeconds;

/**
 * The tables of a run's page, one method per section, shared by report.md and report.html so both
 * carry the same figures: the training step, the serving run, the collectives, the network, and the
 * appendix (how the engine ran, the chip's figures and their sources).
 */
public final class RunTables {
  private static final double GB = Units.BYTES_PER_GB;

  private RunTables() {}

  /** The question and its answer. */
  public static Table decision(Decision d) {
    return new Table("", List.of("answer", "value"), d.answers());
  }

  /** The training step's figures. */
  public static Table training(TrainingResult t) {
    List<List<String>> f = new ArrayList<>();
    f.add(
        List.of(
            "model",
            t.model()
                + " ("
                + ReportFormat.number(t.parameters() / 1e9)
                + " B parameters, "
                + ReportFormat.number(t.activeParameters() / 1e9)
                + " B active)"));
    f.add(
        List.of(
            "layout",
            t.layout()
                + " on "
                + t.chips()
                + " chips, "
                + t.microBatches()
                + " micro-batches per replica"));
    f.add(
        List.of(
            "pipeline schedule",
            t.schedule() + (t.overlapForwardBackward() ? ", forward and backward overlapped" : "")));
    f.add(List.of("step time", ReportFormat.seconds(t.stepSeconds())));
    f.add(List.of("tokens per second", ReportFormat.number(t.tokensPerSecond())));
    f.add(
        List.of(
            "FLOP/s per chip",
            ReportFormat.quantity(t.tflopsPerChip() * 1e12, "flop/s")
                + " ("
                + ReportFormat.quantity(t.modelTflopsPerChip() * 1e12, "flop/s")
                + " without recomputation)"));
    if (t.flops() != null) {
      f.add(
          List.of(
              "FLOP/s per chip executed",
              ReportFormat.quantity(t.flops().executedTflopsPerChip() * 1e12, "flop/s")
                  + " (attention "
                  + t.flops().executedAttention()
                  + ")"));
    }
    f.add(
        List.of(
            "MFU / HFU", ReportFormat.percent(t.mfu()) + " / " + ReportFormat.percent(t.hfu())));
    f.add(
        List.of(
            "pipeline bubble (ideal)",
            ReportFormat.percent(t.bubbleFraction())
                + " ("
                + ReportFormat.percent(t.idealBubbleFraction())
                + ")"));
    f.add(
        List.of(
            "memory peak / capacity per chip",
            gb(t.memoryPeakBytes())
                + " / "
                + gb(t.memoryCapacityBytes())
                + (t.fits()
                    ? ": fits"
                    : ": does NOT fit, " + gb(t.memoryShortfallBytes()) + " short")));
    f.add(
        List.of(
            "chip-hours per trillion tokens", ReportFormat.number(t.chipHoursPerTrillionTokens())));
    return Table.facts("", f);
  }

  /** Where each simulated rank's step went. */
  public static Table trainingRanks(TrainingResult t) {
    List<List<String>> rows = new ArrayList<>();
    for (TrainingResult.RankTime r : t.ranks()) {
      rows.add(
          List.of(
              Integer.toString(r.stage()),
              Integer.toString(r.rank()),
              ReportFormat.seconds(r.computeSeconds()),
              ReportFormat.seconds(r.exposedCommunicationSeconds()),
              ReportFormat.seconds(r.idleSeconds()),
              ReportFormat.seconds(r.communicationSeconds())));
    }
    return new Table(
        "Time split per simulated rank (one per pipeline stage)",
        List.of("stage", "rank", "compute", "exposed communication", "idle", "all communication"),
        rows);
  }

  /** Each stage's memory at its peak. */
  public static Table trainingMemory(TrainingResult t) {
    List<List<String>> rows = new ArrayList<>();
    for (TrainingResult.StageMemoryUse m : t.memory()) {
      rows.add(
          List.of(
              Integer.toString(m.stage()),
              gb(m.weightsBytes()),
              gb(m.gradientBytes()),
              gb(m.optimizerBytes()),
              gb(m.activationBytes()),
              gb(m.bufferBytes()),
              gb(m.totalBytes())));
    }
    return new Table(
        "Memory per chip at its peak, by stage (capacity " + gb(t.memoryCapacityBytes()) + ")",
        List.of("stage", "weights", "gradients", "optimizer", "activations", "buffers", "total"),
        rows);
  }

  /** The serving run's figures. */
  public static Table serving(ServingResult s) {
    List<List<String>> f = new ArrayList<>();
    f.add(List.of("deployment", Decision.deployment(s)));
    f.add(
        List.of(
            "requests",
            s.requestsCompleted()
                + " of "
                + s.requestsArrived()
                + " completed ("
                + s.source()
                + ")"
                + (s.skippedRows() > 0 ? ", " + s.skippedRows() + " bad rows skipped" : "")
                + (s.skippedOverlong() > 0
                    ? ", " + s.skippedOverlong() + " too long skipped"
                    : "")));
    f.add(List.of("arrival rate", ReportFormat.number(s.arrivalRatePerSecond()) + " req/s"));
    f.add(List.of("requests in the system (mean)", ReportFormat.number(s.meanRequestsInSystem())));
    f.add(
        List.of(
            "output tokens per second",
            ReportFormat.number(s.outputTokensPerSecond())
                + " ("
                + ReportFormat.number(s.outputTokensPerSecondPerChip())
                + " per chip)"));
    f.add(
        List.of(
            "tokens per second per chip",
            "prefill "
                + ReportFormat.number(s.tokensPerSecondPerChip().prefill())
                + ", decode "
                + ReportFormat.number(s.tokensPerSecondPerChip().decode())));
    ServingResult.SloAttainment slo = s.sloAttainment();
    if (slo != null && !Decision.targets(slo).isEmpty()) {
      f.add(
          List.of(
              "SLO attainment (" + Decision.targets(slo) + ")",
              ReportFormat.percent(slo.both())
                  + (slo.ttft() == null ? "" : "; TTFT alone " + ReportFormat.percent(slo.ttft()))
                  + (slo.tpot() == null
                      ? ""
                      : "; TPOT alone " + ReportFormat.percent(slo.tpot()))));
    }
    f.add(
        List.of(
            "KV cache in use",
            ReportFormat.percent(s.kvCacheUtilisation().mean())
                + " mean, "
                + ReportFormat.percent(s.kvCacheUtilisation().peak())
                + " peak"));
    if (s.prefixCacheHitRate() != null) {
      f.add(
          List.of(
              "prefix-cache hits",
              ReportFormat.percent(s.prefixCacheHitRate()) + " of prompt tokens"));
    }
    f.add(List.of("preemptions", Long.toString(s.preemptions())));
    return Table.facts("", f);
  }

  /** The latency percentiles of completed requests. */
  public static Table servingLatency(ServingResult s) {
    List<List<String>> rows = new ArrayList<>();
    latency(rows, "TTFT", s.ttftSeconds());
    latency(rows, "TPOT", s.tpotSeconds());
    latency(rows, "end-to-end", s.e2eSeconds());
    return new Table(
        "Latency of completed requests", List.of("latency", "p50", "p90", "p99", "max"), rows);
  }

  /** One row per instance: its totals and, where the run kept them, its means over time. */
  public static Table servingInstances(ServingResult s) {
    List<List<String>> rows = new ArrayList<>();
    for (ServingResult.InstanceSummary i : s.instances()) {
      InstanceSeries series =
          s.timeSeries() == null
              ? null
              : s.timeSeries().instances().stream()
                  .filter(x -> x.instance() == i.id())
                  .findFirst()
                  .orElse(null);
      rows.add(
          List.of(
              Integer.toString(i.id()),
              i.role(),
              i.firstChip() + "-" + (i.firstChip() + i.chips() - 1),
              Long.toString(i.steps()),
              ReportFormat.percent(i.busyFraction()),
              Long.toString(i.requests()),
              Integer.toString(i.peakBatch()),
              series == null ? "" : ReportFormat.number(average(series.queued())),
              series == null ? "" : ReportFormat.number(average(series.running())),
              series == null ? "" : ReportFormat.percent(average(series.kvUtilisation())),
              Long.toString(i.kvCapacityTokens())));
    }
    return new Table(
        "Per instance (means over the run)",
        List.of(
            "instance",
            "role",
            "chips",
            "steps",
            "busy",
            "requests",
            "peak batch",
            "queued",
            "running",
            "KV use",
            "KV capacity (tokens)"),
        rows);
  }

  /** One row per collective, with the published bus bandwidth at its size where there is one. */
  public static Table collectives(CollectiveBenchmarkResult c) {
    List<List<String>> rows = new ArrayList<>();
    for (CollectiveResult x : c.collectives()) {
      Double published = publishedAt(c, x);
      rows.add(
          List.of(
              x.kind(),
              x.algorithm(),
              Integer.toString(x.groupSize()),
              ReportFormat.bytes(x.bytes()),
              ReportFormat.picos(x.picos()),
              ReportFormat.gigabytesPerSecond(x.algorithmBytesPerSecond()),
              ReportFormat.gigabytesPerSecond(x.busBytesPerSecond()),
              published == null ? "" : ReportFormat.gigabytesPerSecond(published),
              published == null || published == 0
                  ? ""
                  : ReportFormat.number(x.busBytesPerSecond() / published)));
    }
    return new Table(
        "",
        List.of(
            "kind",
            "algorithm",
            "group",
            "size",
            "time",
            "algbw",
            "busbw",
            "published busbw",
            "simulated / published"),
        rows);
  }

  /** The published curves' sources. */
  public static Table publishedSources(CollectiveBenchmarkResult c) {
    List<List<String>> rows = new ArrayList<>();
    for (CollectiveBenchmarkResult.PublishedCurve p : c.published()) {
      rows.add(
          List.of(p.kind(), p.system(), Integer.toString(p.groupSize()), p.source(), p.notes()));
    }
    return new Table(
        "Published nccl-tests measurements drawn beside the simulated ones",
        List.of("collective", "system", "GPUs", "source", "conditions"),
        rows);
  }

  /** The replayed trace: which file it was, its digest, and how the ranks' time split. */
  public static Table replay(ReplayResult r) {
    ReplayResult.Trace t = r.trace();
    List<List<String>> f = new ArrayList<>();
    f.add(List.of("trace", t.format() + " " + t.path()));
    f.add(List.of("files", t.files().size() == 1 ? t.files().get(0)
        : t.files().size() + " (" + t.files().get(0) + " ...)"));
    f.add(List.of("SHA-256", t.sha256()));
    f.add(List.of("ranks", t.ranks() + " on chips " + chipRange(t.chips())));
    f.add(List.of("time unit", ReportFormat.picos(t.timeUnitPicos())));
    f.add(List.of("replayed time", ReportFormat.seconds(r.seconds())));
    f.add(List.of("compute per rank", ReportFormat.seconds(r.meanComputeSeconds()) + " mean, "
        + ReportFormat.seconds(r.maxComputeSeconds()) + " busiest"));
    f.add(List.of("exposed communication per rank",
        ReportFormat.seconds(r.meanExposedCommunicationSeconds()) + " mean"));
    f.add(List.of("collectives", Integer.toString(r.collectives())));
    for (String note : t.notes()) {
      f.add(List.of("note", note));
    }
    return new Table("", List.of("figure", "value"), f);
  }

  /** {@code 0..15} for consecutive chips, else the list. */
  private static String chipRange(List<Integer> chips) {
    for (int i = 1; i < chips.size(); i++) {
      if (chips.get(i) != chips.get(0) + i) {
        return chips.toString();
      }
    }
    return chips.get(0) + ".." + chips.get(chips.size() - 1);
  }

  /** Bytes per tier and the busiest links. */
  public static Table networkTiers(NetworkResult n) {
    List<List<String>> rows = new ArrayList<>();
    n.bytesPerTier()
        .forEach((tier, bytes) -> rows.add(List.of(tier, ReportFormat.quantity(bytes, "B"))));
    return new Table(
        "Bytes carried per link tier (a transfer counts on every link it crosses)",
        List.of("tier", "bytes"),
        rows);
  }

  /** The busiest links (flow model). */
  public static Table busiestLinks(NetworkResult n) {
    List<List<String>> rows = new ArrayList<>();
    for (NetworkResult.LinkLoad l : n.busiestLinks()) {
      rows.add(
          List.of(
              l.link(),
              l.tier(),
              ReportFormat.percent(l.utilisation()),
              ReportFormat.quantity(l.bytes(), "B"),
              ReportFormat.picos(l.busyPicos())));
    }
    return new Table(
        "Busiest links", List.of("link", "tier", "utilisation", "bytes", "busy"), rows);
  }

  /** How the engine ran: the same on every runtime, then what varies between runs. */
  public static Table engine(RunResult r) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("seed", Long.toString(r.seed())));
    rows.add(List.of("simulated time", ReportFormat.picos(r.simulatedPicos())));
    rows.add(List.of("network model", r.networkModel().label()));
    EngineFacts e = r.runtime();
    if (e != null) {
      rows.add(List.of("engine", e.engine()));
      rows.add(List.of("lookahead", ReportFormat.picos(e.lookaheadPicos())));
      rows.add(List.of("logical processes", Integer.toString(e.logicalProcesses())));
      rows.add(List.of("events", Long.toString(e.events())));
    }
    RunInfo run = r.run();
    if (run != null) {
      // Kept apart in the table's wording: these vary between runs of the same scenario.
      rows.add(List.of("runtime (this run)", run.runtime() + ", " + run.threads() + " threads"));
      rows.add(List.of("wall time (this run)", ReportFormat.seconds(run.wallSeconds())));
      rows.add(List.of("events/s (this run)", ReportFormat.number(run.eventsPerSecond())));
      rows.add(List.of("host, Java (this run)", run.host() + ", " + run.java()));
    }
    return Table.facts("How the engine ran", rows);
  }

  /** The chip's figures, each with its confidence and source. */
  public static Table chip(ChipSummary chip) {
    List<List<String>> rows = new ArrayList<>();
    for (ChipSummary.FigureUse f : chip.figures()) {
      rows.add(
          List.of(
              f.key(),
              f.value() == null
                  ? "unknown"
                  : f.unit() == null
                      ? ReportFormat.number(f.value())
                      : ReportFormat.quantity(f.value(), f.unit()),
              nullToEmpty(f.confidence()),
              nullToEmpty(f.source())));
    }
    return new Table(
        chip.name() + (chip.preset() == null ? "" : " (preset " + chip.preset() + ")"),
        List.of("figure", "value", "confidence", "source"),
        rows);
  }

  /** The energy and cost rows. */
  public static Table energy(RunResult r) {
    return new Table("", EnergyRows.HEADERS, EnergyRows.of(r));
  }

  private static Double publishedAt(CollectiveBenchmarkResult c, CollectiveResult x) {
    for (CollectiveBenchmarkResult.PublishedCurve p : c.published()) {
      if (p.kind().equals(x.kind()) && p.groupSize() == x.groupSize()) {
        for (CollectiveBenchmarkResult.PublishedPoint point : p.points()) {
          if (point.bytes() == x.bytes()) {
            return point.busBytesPerSecond();
          }
        }
      }
    }
    return null;
  }

  private static void latency(List<List<String>> rows, String name, LatencySeconds l) {
    if (l != null) {
      rows.add(
          List.of(
              name,
              ReportFormat.seconds(l.p50()),
              ReportFormat.seconds(l.p90()),
              ReportFormat.seconds(l.p99()),
              ReportFormat.seconds(l.max())));
    }
  }

  /**
   * The mean of a series of bucket means: the last bucket, which the run's end may cut short,
   * weighs as a whole one (at most 1/120 of the weight).
   */
  private static double average(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.isEmpty() ? 0 : sum / values.size();
  }

  private static String gb(double bytes) {
    return ReportFormat.number(bytes / GB) + " GB";
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
