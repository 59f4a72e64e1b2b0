package org.supernodesim.scenario.plan;

import java.util.Locale;
import java.util.Optional;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.results.serving.LatencySeconds;
import org.supernodesim.results.serving.ServingResult;

/**
 * What a layout must satisfy to be ranked ({@code plan.constraints}). {@code fits} and {@code
 * maxChips} are checked before simulating (the memory model and the layout cost nothing); the
 * rest on the simulated result.
 *
 * @param fits a training step's memory must fit in HBM (default true)
 * @param maxChips at most this many chips, or null
 * @param maxCostPerMillionTokens a budget: at most this cost per million tokens (in the currency of
 *     the scenario's first price), or null
 * @param slo the percentile of TTFT and TPOT that must be within the scenario's {@code
 *     workload.serving.slo} targets, or null
 */
public record Constraints(
    boolean fits, Integer maxChips, Double maxCostPerMillionTokens, Percentile slo) {
  static final Constraints DEFAULT = new Constraints(true, null, null, null);

  /** A percentile of a latency distribution, as {@code slo:} names it. */
  public enum Percentile {
    P50, P90, P99;

    double of(LatencySeconds l) {
      return switch (this) {
        case P50 -> l.p50();
        case P90 -> l.p90();
        case P99 -> l.p99();
      };
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Why a simulated point is not acceptable, or empty if it is. */
  Optional<String> violation(SweepPoint p) {
    if (!p.ok()) {
      return Optional.of("failed: " + p.error());
    }
    RunResult r = p.result();
    if (fits && r.training() != null && !r.training().fits()) {
      return Optional.of("does not fit in memory");
    }
    if (maxCostPerMillionTokens != null) {
      var cost = Objective.COST_PER_MILLION_TOKENS.of(r, p.chips());
      if (cost.isEmpty()) {
        return Optional.of("no cost: the scenario gives no price");
      }
      if (cost.getAsDouble() > maxCostPerMillionTokens) {
        return Optional.of(String.format(Locale.ROOT, "costs %.4g per million tokens, over %.4g",
            cost.getAsDouble(), maxCostPerMillionTokens));
      }
    }
    if (slo != null) {
      ServingResult s = r.serving();
      if (s == null) {
        return Optional.of("slo applies to serving runs only");
      }
      Optional<String> ttft = latency("TTFT", slo.of(s.ttftSeconds()), s.sloAttainment() == null
          ? null : s.sloAttainment().ttftTargetSeconds());
      if (ttft.isPresent()) {
        return ttft;
      }
      return latency("TPOT", slo.of(s.tpotSeconds()), s.sloAttainment() == null
          ? null : s.sloAttainment().tpotTargetSeconds());
    }
    return Optional.empty();
  }

  private Optional<String> latency(String what, double seconds, Double targetSeconds) {
    if (targetSeconds == null || seconds <= targetSeconds) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "%s %s %.4g s over the SLO's %.4g s", what,
        slo.label(), seconds, targetSeconds));
  }
}
