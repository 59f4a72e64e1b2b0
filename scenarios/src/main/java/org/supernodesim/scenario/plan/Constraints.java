package org.supernodesim.scenario.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.results.serving.LatencySeconds;
import org.supernodesim.scenario.file.InvalidInput;

/**
 * What a layout must satisfy to be ranked ({@code plan.constraints}), bound from the file as the
 * scenario's sections are. {@code fits} and {@code maxChips} are checked before simulating (the
 * memory model and the layout cost nothing); the rest on the simulated result.
 *
 * @param fits a training step's memory must fit in HBM (default true)
 * @param maxChips at most this many chips, or null
 * @param maxCostPerMillionTokens a budget: at most this cost per million tokens (in the currency of
 *     the scenario's first price), or null
 * @param slo the percentile of TTFT and TPOT that must be within the scenario's {@code
 *     workload.serving.slo} targets, or null
 */
public record Constraints(
    Boolean fits, Integer maxChips, Double maxCostPerMillionTokens, Percentile slo) {
  static final Constraints DEFAULT = new Constraints(null, null, null, null);

  public Constraints {
    fits = fits == null || fits;
    if (maxChips != null && maxChips < 1) {
      throw new InvalidInput("maxChips", maxChips + "; a whole number >= 1");
    }
    if (maxCostPerMillionTokens != null && !(maxCostPerMillionTokens > 0)) {
      throw new InvalidInput(
          "maxCostPerMillionTokens",
          maxCostPerMillionTokens + "; a price > 0, in the currency of the scenario's first price");
    }
  }

  /** A percentile of a latency distribution, as {@code slo:} names it. */
  public enum Percentile {
    P50("p50"),
    P90("p90"),
    P99("p99");

    private final String label;

    Percentile(String label) {
      this.label = label;
    }

    @JsonValue
    String label() {
      return label;
    }

    double of(LatencySeconds l) {
      return switch (this) {
        case P50 -> l.p50();
        case P90 -> l.p90();
        case P99 -> l.p99();
      };
    }
  }

  /** Why a simulated point is not acceptable, or empty if it is. */
  Optional<String> violation(SweepPoint p) {
    if (!p.ok()) {
      return Optional.of("failed: " + p.error());
    }
    RunResult r = p.result();
    return r.workload()
        .match(
            new WorkloadResult.Cases<Optional<String>>() {
              @Override
              public Optional<String> collectives(CollectiveBenchmarkResult c) {
                return budget(r, p.chips()).or(Constraints.this::sloOfServingOnly);
              }

              @Override
              public Optional<String> replay(ReplayResult x) {
                return budget(r, p.chips()).or(Constraints.this::sloOfServingOnly);
              }

              @Override
              public Optional<String> training(TrainingResult t) {
                if (fits && !t.fits()) {
                  return Optional.of("does not fit in memory");
                }
                return budget(r, p.chips()).or(Constraints.this::sloOfServingOnly);
              }

              @Override
              public Optional<String> serving(ServingResult s) {
                return budget(r, p.chips()).or(() -> slo(s));
              }
            });
  }

  private Optional<String> budget(RunResult r, int chips) {
    if (maxCostPerMillionTokens == null) {
      return Optional.empty();
    }
    OptionalDouble cost = Objective.COST_PER_MILLION_TOKENS.of(r, chips);
    if (cost.isEmpty()) {
      return Optional.of("no cost: the scenario gives no price");
    }
    if (cost.getAsDouble() > maxCostPerMillionTokens) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "costs %.4g per million tokens, over %.4g",
              cost.getAsDouble(),
              maxCostPerMillionTokens));
    }
    return Optional.empty();
  }

  private Optional<String> sloOfServingOnly() {
    return slo == null ? Optional.empty() : Optional.of("slo applies to serving runs only");
  }

  private Optional<String> slo(ServingResult s) {
    if (slo == null || s.sloAttainment() == null) {
      return Optional.empty();
    }
    return latency("TTFT", s.ttftSeconds(), s.sloAttainment().ttftTargetSeconds())
        .or(() -> latency("TPOT", s.tpotSeconds(), s.sloAttainment().tpotTargetSeconds()));
  }

  private Optional<String> latency(String what, LatencySeconds latency, Double targetSeconds) {
    double seconds = slo.of(latency);
    if (targetSeconds == null || seconds <= targetSeconds) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "%s %s %.4g s over the SLO's %.4g s",
            what,
            slo.label(),
            seconds,
            targetSeconds));
  }
}
