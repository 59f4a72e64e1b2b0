package org.supernodesim.results.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.Price;

/**
 * What a page answers, at its top: the question the scenario asks and the answer in a few numbers
 * with their units. Training: the step time, throughput, MFU and whether the layout fits; serving:
 * the share of requests within the SLO, TTFT and TPOT, throughput per chip and cost per million
 * output tokens; collectives: the bus bandwidth each collective reaches and the published figure
 * beside it. How the engine ran and where the chip's figures come from are in the appendix.
 *
 * @param question the question, one sentence
 * @param answers label and value rows
 */
public record Decision(String question, List<List<String>> answers) {
  public Decision {
    answers = List.copyOf(answers);
  }

  /** The decision of one run. */
  public static Decision of(RunResult r) {
    String chip = r.chip() == null ? "chips" : r.chip().name();
    Decision kind = r.workload().match(new Kind(chip));
    List<List<String>> answers = new ArrayList<>(kind.answers());
    answers.addAll(costs(r));
    r.energy()
        .ifPresent(
            e ->
                answers.add(
                    List.of(
                        "energy (facility)",
                        (e.kilowattHours() >= 0.01
                                ? ReportFormat.number(e.kilowattHours()) + " kWh"
                                : ReportFormat.quantity(e.facilityJoules(), "J"))
                            + ", chips drawing "
                            + ReportFormat.quantity(e.averageChipWatts(), "W")
                            + " each on average")));
    return new Decision(kind.question(), answers);
  }

  private static final class Kind implements WorkloadResult.Cases<Decision> {
    private final String chip;

    Kind(String chip) {
      this.chip = chip;
    }

    @Override
    public Decision collectives(CollectiveBenchmarkResult c) {
      // The best bus bandwidth of each collective and algorithm, and at which size.
      Map<String, CollectiveResult> best = new LinkedHashMap<>();
      int group = 0;
      for (CollectiveResult x : c.collectives()) {
        best.merge(
            x.kind() + " (" + x.algorithm() + ")",
            x,
            (a, b) -> b.busBytesPerSecond() > a.busBytesPerSecond() ? b : a);
        group = Math.max(group, x.groupSize());
      }
      List<List<String>> answers = new ArrayList<>();
      best.forEach(
          (name, x) ->
              answers.add(
                  List.of(
                      name + " bus bandwidth",
                      ReportFormat.gigabytesPerSecond(x.busBytesPerSecond())
                          + " at "
                          + ReportFormat.bytes(x.bytes())
                          + " ("
                          + ReportFormat.picos(x.picos())
                          + ", "
                          + x.groupSize()
                          + " chips)")));
      for (CollectiveBenchmarkResult.PublishedCurve p : c.published()) {
        CollectiveBenchmarkResult.PublishedPoint top =
            p.points().stream()
                .max((a, b) -> Double.compare(a.busBytesPerSecond(), b.busBytesPerSecond()))
                .orElseThrow();
        answers.add(
            List.of(
                "published " + p.kind() + " (nccl-tests, " + p.system() + ")",
                ReportFormat.gigabytesPerSecond(top.busBytesPerSecond())
                    + " at "
                    + ReportFormat.bytes(top.bytes())
                    + " on "
                    + p.groupSize()
                    + " GPUs"));
      }
      return new Decision(
          "What bus bandwidth do the collectives reach on " + group + " x " + chip + "?", answers);
    }

    @Override
    public Decision replay(ReplayResult r) {
      List<List<String>> answers = new ArrayList<>();
      answers.add(List.of("replayed time", ReportFormat.seconds(r.seconds())));
      answers.add(
          List.of(
              "exposed communication",
              ReportFormat.seconds(r.meanExposedCommunicationSeconds())
                  + " per rank on average, beside "
                  + ReportFormat.seconds(r.meanComputeSeconds())
                  + " of compute"));
      answers.add(List.of("trace SHA-256", r.trace().sha256()));
      return new Decision(
          "How long does the "
              + r.trace().format()
              + " trace "
              + r.trace().path()
              + " take on "
              + r.trace().ranks()
              + " x "
              + chip
              + "?",
          answers);
    }

    @Override
    public Decision training(TrainingResult t) {
      List<List<String>> answers = new ArrayList<>();
      answers.add(List.of("step time", ReportFormat.seconds(t.stepSeconds())));
      answers.add(
          List.of(
              "throughput",
              ReportFormat.number(t.tokensPerSecond())
                  + " tokens/s, "
                  + ReportFormat.quantity(t.tflopsPerChip() * 1e12, "flop/s")
                  + " per chip"));
      answers.add(List.of("MFU", ReportFormat.percent(t.mfu())));
      answers.add(
          List.of(
              "memory per chip",
              gb(t.memoryPeakBytes())
                  + " of "
                  + gb(t.memoryCapacityBytes())
                  + ": "
                  + (t.fits()
                      ? "fits"
                      : "does NOT fit, " + gb(t.memoryShortfallBytes()) + " short")));
      answers.add(
          List.of(
              "to train on 10^12 tokens",
              ReportFormat.number(t.chipHoursPerTrillionTokens()) + " chip-hours"));
      return new Decision(
          "How long does a training step of "
              + t.model()
              + " take on "
              + t.chips()
              + " x "
              + chip
              + " ("
              + t.layout()
              + "), and does it fit in memory?",
          answers);
    }

    @Override
    public Decision serving(ServingResult s) {
      List<List<String>> answers = new ArrayList<>();
      ServingResult.SloAttainment slo = s.sloAttainment();
      String targets = targets(slo);
      answers.add(
          List.of(
              "SLO attainment",
              slo == null || targets.isEmpty()
                  ? "no SLO set"
                  : ReportFormat.percent(slo.both()) + " of requests meet " + targets));
      answers.add(
          List.of(
              "TTFT p50 / p99",
              ReportFormat.seconds(s.ttftSeconds().p50())
                  + " / "
                  + ReportFormat.seconds(s.ttftSeconds().p99())));
      if (s.tpotSeconds() != null) {
        answers.add(
            List.of(
                "TPOT p50 / p99",
                ReportFormat.seconds(s.tpotSeconds().p50())
                    + " / "
                    + ReportFormat.seconds(s.tpotSeconds().p99())));
      }
      answers.add(
          List.of(
              "throughput",
              ReportFormat.number(s.outputTokensPerSecond())
                  + " output tokens/s, "
                  + ReportFormat.number(s.outputTokensPerSecondPerChip())
                  + " per chip"));
      return new Decision(
          "Does "
              + deployment(s)
              + " of "
              + chip
              + " serve "
              + s.source()
              + " ("
              + ReportFormat.number(s.arrivalRatePerSecond())
              + " requests/s)"
              + (targets.isEmpty() ? "" : " within " + targets)
              + "?",
          answers);
    }
  }

  /** The run's cost per million (output) tokens at each price. */
  private static List<List<String>> costs(RunResult r) {
    List<List<String>> answers = new ArrayList<>();
    for (CostResult c : r.costs()) {
      Double perMillion =
          c.perMillionOutputTokens() != null ? c.perMillionOutputTokens() : c.perMillionTokens();
      if (perMillion == null) {
        continue;
      }
      String what = c.perMillionOutputTokens() != null ? "output tokens" : "tokens";
      answers.add(
          List.of(
              "cost per million " + what,
              ReportFormat.number(perMillion)
                  + " "
                  + c.price().currency()
                  + " at "
                  + ReportFormat.number(c.price().amount())
                  + " "
                  + c.price().currency()
                  + " per "
                  + (c.price().basis() == Price.Basis.CHIP_HOUR ? "chip-hour" : "kWh")));
    }
    return answers;
  }

  /** "TTFT <= 2 s and TPOT <= 50 ms", naming the targets set; empty when none is. */
  static String targets(ServingResult.SloAttainment slo) {
    if (slo == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    if (slo.ttftTargetSeconds() != null) {
      parts.add("TTFT <= " + ReportFormat.seconds(slo.ttftTargetSeconds()));
    }
    if (slo.tpotTargetSeconds() != null) {
      parts.add("TPOT <= " + ReportFormat.seconds(slo.tpotTargetSeconds()));
    }
    return String.join(" and ", parts);
  }

  /** "4 unified instances of 8 chips (32 chips)", by role in the instances' order. */
  static String deployment(ServingResult s) {
    Map<String, int[]> groups = new LinkedHashMap<>(); // role/chips: count
    for (ServingResult.InstanceSummary i : s.instances()) {
      groups.computeIfAbsent(i.role() + "/" + i.chips(), k -> new int[1])[0]++;
    }
    List<String> parts = new ArrayList<>();
    groups.forEach(
        (key, n) -> {
          String[] rc = key.split("/");
          parts.add(
              n[0]
                  + " "
                  + rc[0]
                  + (n[0] == 1 ? " instance" : " instances")
                  + " of "
                  + rc[1]
                  + (rc[1].equals("1") ? " chip" : " chips"));
        });
    return String.join(" and ", parts) + " (" + s.chips() + " chips)";
  }

  private static String gb(double bytes) {
    return ReportFormat.number(bytes / Units.BYTES_PER_GB) + " GB";
  }
}
