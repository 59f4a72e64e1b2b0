package org.supernodesim.results.energy;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.units.Units;

/** Energy and cost of a run from each chip's activity (the model: see the package documentation). */
public final class EnergyAccount {
  /** Joules in one kilowatt-hour. */
  public static final double JOULES_PER_KWH = 3.6e6;

  private EnergyAccount() {}

  /** The energy of a run of {@code runPicos} in which the chips did {@code chips}. */
  public static EnergyResult energy(
      PowerModel model, List<ChipActivity> chips, long runPicos, Work work) {
    double seconds = Units.picosToSeconds(runPicos);
    double idle = model.idleWatts();
    double dynamic = model.tdpWatts() - idle;
    double chipJoules = 0;
    for (ChipActivity c : chips) {
      double busy =
          Units.picosToSeconds(c.computeBusyPicos())
              + model.communicationPowerFraction() * Units.picosToSeconds(c.communicationOnlyPicos());
      chipJoules += idle * seconds + dynamic * busy;
    }
    double overhead = chips.size() * model.overheadWattsPerChip() * seconds;
    double facility = model.pue() * (chipJoules + overhead);
    double average = seconds > 0 && !chips.isEmpty() ? chipJoules / (chips.size() * seconds) : 0;
    return new EnergyResult(
        model, chipJoules, overhead, facility, facility / JOULES_PER_KWH, average,
        facility / work.steps());
  }

  /** The cost of the run at each price: chip-hours or facility energy times the price. */
  public static List<CostResult> costs(
      List<Price> prices, int chips, long runPicos, EnergyResult energy, Work work) {
    List<CostResult> costs = new ArrayList<>(prices.size());
    double chipHours = chips * Units.picosToSeconds(runPicos) / 3600;
    for (Price p : prices) {
      double units;
      if (p.basis() == Price.Basis.CHIP_HOUR) {
        units = chipHours;
      } else if (energy != null) {
        units = energy.kilowattHours();
      } else {
        continue; // an energy price without an energy figure (the TDP is unknown) prices nothing
      }
      double total = units * p.amount();
      costs.add(
          new CostResult(
              p,
              total,
              total / work.steps(),
              work.tokens() > 0 ? total / work.tokens() * 1e6 : null,
              work.tokens() > 0 ? total / work.tokens() * 1e12 : null,
              work.outputTokens() > 0 ? total / work.outputTokens() * 1e6 : null));
    }
    return costs;
  }
}
