package org.supernodesim.scenario.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.supernodesim.results.report.SweepPoint;

/**
 * The simulated candidates of a plan, ranked: those that meet the constraints by the objectives in
 * order (the first decides, the next break ties, then the space's order), the others after them
 * with the reason. A candidate is on the Pareto front when no other acceptable one is at least as
 * good on every objective and better on one.
 *
 * @param ranked every point: acceptable ones first, best first
 */
public record Ranking(List<Ranked> ranked) {

  /**
   * One candidate.
   *
   * @param rank 1 for the best; 0 for a candidate that breaks a constraint
   * @param objectives each objective's figure, in the plan's order (NaN where absent)
   * @param pareto on the Pareto front of the acceptable candidates
   * @param reason why it is not acceptable; empty if it is
   */
  public record Ranked(
      SweepPoint point, int rank, double[] objectives, boolean pareto, Optional<String> reason) {}

  public Ranking {
    ranked = List.copyOf(ranked);
  }

  /** The best candidate, if any meets the constraints. */
  public Optional<Ranked> best() {
    return ranked.isEmpty() || ranked.get(0).rank() != 1
        ? Optional.empty()
        : Optional.of(ranked.get(0));
  }

  /** The acceptable candidates on the Pareto front, best first. */
  public List<Ranked> front() {
    return ranked.stream().filter(Ranked::pareto).toList();
  }

  /** Ranks {@code points} (in the space's order) under {@code plan}. */
  public static Ranking of(List<SweepPoint> points, PlanDefinition plan) {
    List<Objective> objectives = plan.objectives();
    List<Ranked> acceptable = new ArrayList<>();
    List<Ranked> rejected = new ArrayList<>();
    for (SweepPoint p : points) {
      double[] values = new double[objectives.size()];
      Optional<String> reason = plan.constraints().violation(p);
      Optional<Figures> figures =
          p.ok() ? Optional.of(Figures.of(p.result(), p.chips())) : Optional.empty();
      for (int i = 0; i < values.length; i++) {
        Objective o = objectives.get(i);
        OptionalDouble v = figures.map(o::of).orElse(OptionalDouble.empty());
        values[i] = v.orElse(Double.NaN);
        if (v.isEmpty() && reason.isEmpty()) {
          reason = Optional.of("the run has no " + objectives.get(i).label() + " figure");
        }
      }
      (reason.isEmpty() ? acceptable : rejected).add(new Ranked(p, 0, values, false, reason));
    }
    Comparator<Ranked> order = (a, b) -> 0;
    for (int i = 0; i < objectives.size(); i++) {
      int k = i;
      Comparator<Ranked> byK = Comparator.comparingDouble(r -> r.objectives()[k]);
      order = order.thenComparing(objectives.get(i).minimise() ? byK : byK.reversed());
    }
    // A stable sort: ties keep the space's order, so the ranking is the same on every run.
    List<Ranked> sorted = new ArrayList<>(acceptable);
    sorted.sort(order);
    List<Ranked> ranked = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Ranked r = sorted.get(i);
      ranked.add(
          new Ranked(
              r.point(), i + 1, r.objectives(), !dominated(r, sorted, objectives), r.reason()));
    }
    ranked.addAll(rejected);
    return new Ranking(ranked);
  }

  private static boolean dominated(Ranked r, List<Ranked> all, List<Objective> objectives) {
    for (Ranked q : all) {
      if (q == r) {
        continue;
      }
      boolean noWorse = true;
      boolean better = false;
      for (int i = 0; i < objectives.size(); i++) {
        double a = objectives.get(i).minimise() ? q.objectives()[i] : -q.objectives()[i];
        double b = objectives.get(i).minimise() ? r.objectives()[i] : -r.objectives()[i];
        noWorse &= a <= b;
        better |= a < b;
      }
      if (noWorse && better) {
        return true;
      }
    }
    return false;
  }
}
