package org.supernodesim.results.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.ToDoubleFunction;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.scaling.EfficiencyPoint;
import org.supernodesim.results.scaling.ScalingAnalysis;

/**
 * The question a sweep answers and its answer at the top of its pages: which point is best by the
 * kind's headline figure (training: the fastest step among the layouts that fit; serving: the
 * highest SLO attainment and the most output tokens/s per chip; collectives: the highest bus
 * bandwidth), how many points failed or did not fit, and how scaling efficiency ends.
 */
public final class SweepDecision {
  private SweepDecision() {}

  /** The decision of a sweep's points. */
  public static Decision of(
      List<SweepPoint> points, Optional<ScalingAnalysis> scaling, double threshold) {
    List<String> keys = SweepTable.parameterKeys(points);
    List<List<String>> answers = new ArrayList<>();
    List<SweepPoint> ok = points.stream().filter(SweepPoint::ok).toList();
    answers.add(
        List.of(
            "points",
            ok.size()
                + " of "
                + points.size()
                + " ran"
                + (ok.size() < points.size()
                    ? " (" + (points.size() - ok.size()) + " failed)"
                    : "")));
    ByKind kinds = new ByKind();
    for (SweepPoint p : ok) {
      kinds.point = p;
      p.result().workload().match(kinds);
    }
    if (!kinds.training.isEmpty()) {
      List<Of<TrainingResult>> fit = kinds.training.stream().filter(x -> x.result.fits()).toList();
      best(fit, x -> -x.result.stepSeconds())
          .ifPresent(
              x ->
                  answers.add(
                      List.of(
                          "fastest layout that fits",
                          name(x.point)
                              + ": step "
                              + ReportFormat.seconds(x.result.stepSeconds())
                              + ", MFU "
                              + ReportFormat.percent(x.result.mfu()))));
      if (fit.size() < kinds.training.size()) {
        answers.add(
            List.of(
                "do not fit in memory",
                (kinds.training.size() - fit.size()) + " of " + kinds.training.size() + " points"));
      }
    }
    best(kinds.serving, x -> slo(x.result))
        .ifPresent(
            x ->
                answers.add(
                    List.of(
                        "highest SLO attainment",
                        name(x.point)
                            + ": "
                            + ReportFormat.percent(slo(x.result))
                            + ", TTFT p99 "
                            + ReportFormat.seconds(x.result.ttftSeconds().p99()))));
    best(kinds.serving, x -> x.result.outputTokensPerSecondPerChip())
        .ifPresent(
            x ->
                answers.add(
                    List.of(
                        "most output tokens/s per chip",
                        name(x.point)
                            + ": "
                            + ReportFormat.number(x.result.outputTokensPerSecondPerChip()))));
    best(kinds.collectives, x -> x.result.peakBusBytesPerSecond())
        .ifPresent(
            x ->
                answers.add(
                    List.of(
                        "highest bus bandwidth",
                        name(x.point)
                            + ": "
                            + ReportFormat.gigabytesPerSecond(x.result.peakBusBytesPerSecond()))));
    best(kinds.replay, x -> -x.result.seconds())
        .ifPresent(
            x ->
                answers.add(
                    List.of(
                        "fastest replay",
                        name(x.point) + ": " + ReportFormat.seconds(x.result.seconds()))));
    scaling.ifPresent(
        a -> {
          EfficiencyPoint last = a.points().get(a.points().size() - 1);
          OptionalInt below = a.firstMeasuredChipsBelow(threshold);
          answers.add(
              List.of(
                  "scaling efficiency (" + a.kind().label() + ")",
                  ReportFormat.percent(last.efficiency())
                      + " at "
                      + last.chips()
                      + " chips against "
                      + a.baseChips()
                      + (below.isPresent()
                          ? "; below "
                              + ReportFormat.percent(threshold)
                              + " from "
                              + below.getAsInt()
                              + " chips"
                          : "")));
        });
    return new Decision(
        "How do the figures change as "
            + String.join(", ", keys)
            + " vary, and which point is best?",
        answers);
  }

  /** A point with its result of one kind. */
  private record Of<T>(SweepPoint point, T result) {}

  /** The points sorted by the kind of their results. */
  private static final class ByKind implements WorkloadResult.Cases<Void> {
    final List<Of<TrainingResult>> training = new ArrayList<>();
    final List<Of<ServingResult>> serving = new ArrayList<>();
    final List<Of<CollectiveBenchmarkResult>> collectives = new ArrayList<>();
    final List<Of<ReplayResult>> replay = new ArrayList<>();
    SweepPoint point;

    @Override
    public Void collectives(CollectiveBenchmarkResult c) {
      collectives.add(new Of<>(point, c));
      return null;
    }

    @Override
    public Void training(TrainingResult t) {
      training.add(new Of<>(point, t));
      return null;
    }

    @Override
    public Void serving(ServingResult s) {
      serving.add(new Of<>(point, s));
      return null;
    }

    @Override
    public Void replay(ReplayResult r) {
      replay.add(new Of<>(point, r));
      return null;
    }
  }

  private static <T> Optional<Of<T>> best(List<Of<T>> points, ToDoubleFunction<Of<T>> score) {
    return points.stream().max(Comparator.comparingDouble(score));
  }

  private static double slo(ServingResult s) {
    return s.sloAttainment() == null ? 0 : s.sloAttainment().both();
  }

  /** "p3 (cluster.chips=64)". */
  private static String name(SweepPoint p) {
    List<String> parts = new ArrayList<>();
    p.parameters().forEach((k, v) -> parts.add(k + "=" + v));
    return p.id() + " (" + String.join(", ", parts) + ")";
  }
}
