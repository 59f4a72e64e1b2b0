package org.supernodesim.scenario.plan;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.Price;

/**
 * What a plan optimises, as {@code plan.objectives} names it: each reads one figure of a point's
 * result and says whether less or more is better. The first objective ranks the layouts; all of
 * them draw the Pareto front.
 */
public enum Objective {
  /** A training step's time (or a run's simulated time): less is better. */
  STEP_TIME("stepTime", "stepSeconds", "s", true),
  /** Training tokens (or served output tokens per instance chip) per second per chip. */
  TOKENS_PER_SECOND_PER_CHIP("tokensPerSecondPerChip", "tokensPerSecondPerChip", "tokens/s", false),
  /** Cost per million tokens at the scenario's first price (chip-hour, else energy). */
  COST_PER_MILLION_TOKENS("costPerMillionTokens", "costPerMillionTokens", "", true),
  /**
   * Chips used: the fewest that meet the constraints (e.g. a serving SLO at a load). A serving run
   * counts its instances' chips, not the idle rest of the cluster.
   */
  CHIPS("chips", "chipsUsed", "chips", true),
  /** Peak HBM per chip of a training step (memory model): less leaves more headroom. */
  MEMORY_PER_CHIP("memoryPerChip", "memoryPerChipGB", "GB", true),
  /** Serving: time to first token at the 99th percentile. */
  TTFT_P99("ttftP99", "ttftP99Seconds", "s", true),
  /** Serving: time per output token at the 99th percentile. */
  TPOT_P99("tpotP99", "tpotP99Seconds", "s", true);

  private final String label;
  private final String column;
  private final String unit;
  private final boolean minimise;

  Objective(String label, String column, String unit, boolean minimise) {
    this.label = label;
    this.column = column;
    this.unit = unit;
    this.minimise = minimise;
  }

  public String label() {
    return label;
  }

  /** The column of the ranked table, with its unit in the name. */
  public String column() {
    return column;
  }

  public String unit() {
    return unit;
  }

  public boolean minimise() {
    return minimise;
  }

  /** The objective named {@code label}; the message lists the valid ones. */
  public static Objective byLabel(String label) {
    for (Objective o : values()) {
      if (o.label.equals(label)) {
        return o;
      }
    }
    throw new IllegalArgumentException("\"" + label + "\" is not an objective; valid: " + labels());
  }

  static String labels() {
    return Arrays.stream(values()).map(Objective::label).collect(Collectors.joining(", "));
  }

  /** The figure of {@code r} (a run on {@code chips} chips); empty if the run has none. */
  public OptionalDouble of(RunResult r, int chips) {
    switch (this) {
      case STEP_TIME:
        return OptionalDouble.of(r.training() != null
            ? r.training().stepSeconds()
            : r.simulatedPicos() / (double) Units.PICOS_PER_SECOND);
      case TOKENS_PER_SECOND_PER_CHIP:
        if (r.training() != null) {
          return OptionalDouble.of(r.training().tokensPerSecond() / r.training().chips());
        }
        return r.serving() == null ? OptionalDouble.empty()
            : OptionalDouble.of(r.serving().outputTokensPerSecond() / servingChips(r));
      case COST_PER_MILLION_TOKENS:
        return cost(r);
      case CHIPS:
        if (r.serving() != null) {
          return OptionalDouble.of(servingChips(r));
        }
        return chips > 0 ? OptionalDouble.of(chips) : OptionalDouble.empty();
      case MEMORY_PER_CHIP:
        return r.training() == null ? OptionalDouble.empty()
            : OptionalDouble.of(r.training().memoryPeakBytes() / Units.BYTES_PER_GB);
      case TTFT_P99:
        return r.serving() == null ? OptionalDouble.empty()
            : OptionalDouble.of(r.serving().ttftSeconds().p99());
      case TPOT_P99:
        return r.serving() == null ? OptionalDouble.empty()
            : OptionalDouble.of(r.serving().tpotSeconds().p99());
      default:
        throw new IllegalStateException("no reading for " + this);
    }
  }

  private static int servingChips(RunResult r) {
    return r.serving().instances().stream().mapToInt(i -> i.chips()).sum();
  }

  /** As results.csv's costPerMillionTokens: the chip-hour price first, else the energy price. */
  private static OptionalDouble cost(RunResult r) {
    CostResult chosen = null;
    for (Price.Basis basis : new Price.Basis[] {Price.Basis.CHIP_HOUR, Price.Basis.KILOWATT_HOUR}) {
      for (CostResult c : r.costs()) {
        if (chosen == null && c.price().basis() == basis) {
          chosen = c;
        }
      }
    }
    if (chosen == null) {
      return OptionalDouble.empty();
    }
    Double perMillion =
        chosen.perMillionTokens() != null ? chosen.perMillionTokens()
            : chosen.perMillionOutputTokens();
    return perMillion == null ? OptionalDouble.empty() : OptionalDouble.of(perMillion);
  }
}
