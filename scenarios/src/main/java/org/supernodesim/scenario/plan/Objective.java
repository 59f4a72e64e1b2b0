package org.supernodesim.scenario.plan;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.OptionalDouble;
import java.util.function.Function;
import org.supernodesim.results.RunResult;

/**
 * What a plan optimises, as {@code plan.objectives} names it: each reads one figure of a point's
 * result and says whether less or more is better. The first objective ranks the layouts; all of
 * them draw the Pareto front.
 */
public enum Objective {
  /** A training step's time (or a run's simulated time): less is better. */
  STEP_TIME("stepTime", "stepSeconds", "s", true, Figures::stepSeconds),
  /** Training tokens (or served output tokens per instance chip) per second per chip. */
  TOKENS_PER_SECOND_PER_CHIP(
      "tokensPerSecondPerChip",
      "tokensPerSecondPerChip",
      "tokens/s",
      false,
      Figures::tokensPerSecondPerChip),
  /** Cost per million tokens at the scenario's first price (chip-hour, else energy). */
  COST_PER_MILLION_TOKENS(
      "costPerMillionTokens", "costPerMillionTokens", "", true, Figures::costPerMillionTokens),
  /**
   * Chips used: the fewest that meet the constraints (e.g. a serving SLO at a load). A serving run
   * counts its instances' chips, not the idle rest of the cluster.
   */
  CHIPS("chips", "chipsUsed", "chips", true, Figures::chips),
  /** Peak HBM per chip of a training step (memory model): less leaves more headroom. */
  MEMORY_PER_CHIP("memoryPerChip", "memoryPerChipGB", "GB", true, Figures::memoryPerChipGB),
  /** Serving: time to first token at the 99th percentile. */
  TTFT_P99("ttftP99", "ttftP99Seconds", "s", true, Figures::ttftP99Seconds),
  /** Serving: time per output token at the 99th percentile. */
  TPOT_P99("tpotP99", "tpotP99Seconds", "s", true, Figures::tpotP99Seconds);

  private final String label;
  private final String column;
  private final String unit;
  private final boolean minimise;
  private final Function<Figures, OptionalDouble> figure;

  Objective(
      String label,
      String column,
      String unit,
      boolean minimise,
      Function<Figures, OptionalDouble> figure) {
    this.label = label;
    this.column = column;
    this.unit = unit;
    this.minimise = minimise;
    this.figure = figure;
  }

  /** The name {@code plan.objectives} writes. */
  @JsonValue
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

  /** The figure of {@code r} (a run on {@code chips} chips); empty if the run has none. */
  public OptionalDouble of(RunResult r, int chips) {
    return figure.apply(Figures.of(r, chips));
  }

  /** This objective's figure among {@code figures}. */
  OptionalDouble of(Figures figures) {
    return figure.apply(figures);
  }
}
