package org.supernodesim.scenario.plan;

import java.util.OptionalDouble;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.Price;

/**
 * The figures of one simulated candidate that objectives rank by, read from its result in one
 * switch over the workload's kind; each is empty where the kind has none.
 *
 * @param stepSeconds a training step's time, or the run's simulated time for other kinds
 * @param tokensPerSecondPerChip training tokens, or served output tokens per instance chip
 * @param costPerMillionTokens at the scenario's first price (chip-hour, else energy)
 * @param chips chips used: a serving run counts its instances' chips, not the idle rest
 * @param memoryPerChipGB a training step's peak HBM per chip
 * @param ttftP99Seconds serving: time to first token at the 99th percentile
 * @param tpotP99Seconds serving: time per output token at the 99th percentile
 */
record Figures(
    OptionalDouble stepSeconds,
    OptionalDouble tokensPerSecondPerChip,
    OptionalDouble costPerMillionTokens,
    OptionalDouble chips,
    OptionalDouble memoryPerChipGB,
    OptionalDouble ttftP99Seconds,
    OptionalDouble tpotP99Seconds) {

  /** The figures of {@code r}, a run on {@code chips} chips (0 when unknown). */
  static Figures of(RunResult r, int chips) {
    OptionalDouble simulated = OptionalDouble.of(Units.picosToSeconds(r.simulatedPicos()));
    OptionalDouble cost = cost(r);
    OptionalDouble none = OptionalDouble.empty();
    OptionalDouble used = chips > 0 ? OptionalDouble.of(chips) : none;
    return r.workload()
        .match(
            new WorkloadResult.Cases<Figures>() {
              @Override
              public Figures collectives(CollectiveBenchmarkResult c) {
                return new Figures(simulated, none, cost, used, none, none, none);
              }

              @Override
              public Figures replay(ReplayResult x) {
                return new Figures(
                    OptionalDouble.of(x.seconds()), none, cost, used, none, none, none);
              }

              @Override
              public Figures training(TrainingResult t) {
                return new Figures(
                    OptionalDouble.of(t.stepSeconds()),
                    OptionalDouble.of(t.tokensPerSecond() / t.chips()),
                    cost,
                    used,
                    OptionalDouble.of(t.memoryPeakBytes() / Units.BYTES_PER_GB),
                    none,
                    none);
              }

              @Override
              public Figures serving(ServingResult s) {
                int instanceChips = s.instances().stream().mapToInt(i -> i.chips()).sum();
                return new Figures(
                    simulated,
                    OptionalDouble.of(s.outputTokensPerSecond() / instanceChips),
                    cost,
                    OptionalDouble.of(instanceChips),
                    none,
                    OptionalDouble.of(s.ttftSeconds().p99()),
                    OptionalDouble.of(s.tpotSeconds().p99()));
              }
            });
  }

  /** As results.csv's costPerMillionTokens: the chip-hour price first, else the energy price. */
  private static OptionalDouble cost(RunResult r) {
    for (Price.Basis basis : new Price.Basis[] {Price.Basis.CHIP_HOUR, Price.Basis.KILOWATT_HOUR}) {
      for (CostResult c : r.costs()) {
        if (c.price().basis() == basis) {
          Double perMillion =
              c.perMillionTokens() != null ? c.perMillionTokens() : c.perMillionOutputTokens();
          return perMillion == null ? OptionalDouble.empty() : OptionalDouble.of(perMillion);
        }
      }
    }
    return OptionalDouble.empty();
  }
}
