package org.supernodesim.scenario.run;

import java.util.List;
import java.util.Optional;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.results.energy.ChipActivity;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.EnergyAccount;
import org.supernodesim.results.energy.EnergyResult;
import org.supernodesim.results.energy.PowerModel;
import org.supernodesim.results.energy.Work;
import org.supernodesim.scenario.file.Accounting;
import org.supernodesim.scenario.file.Scenario;

/**
 * Energy and cost of a finished run: each chip's activity through the scenario's power model, and
 * the run's chip-hours and kWh at its prices.
 */
final class Accountant {
  private Accountant() {}

  /** What a run's energy and cost came to. */
  record Account(Optional<EnergyResult> energy, List<CostResult> costs) {}

  /** Energy (when the chip's TDP is known) and cost of {@code work} from each chip's activity. */
  static Account account(
      Scenario scenario, List<ChipActivity> activities, Work work, long simulatedPicos) {
    Accounting a = scenario.accounting();
    Optional<EnergyResult> energy = Optional.empty();
    Figure tdp = scenario.chip().figures().get(ChipFigure.TDP);
    if (tdp instanceof Figure.Known k) {
      PowerModel model =
          new PowerModel(
              k.value(),
              k.confidence().text() + ": " + k.source(),
              a.idlePowerFraction(),
              a.communicationPowerFraction(),
              a.overheadWattsPerChip(),
              a.pue(),
              a.pueSource());
      energy = Optional.of(EnergyAccount.energy(model, activities, simulatedPicos, work));
    }
    List<CostResult> costs =
        EnergyAccount.costs(
            a.prices(), scenario.chips(), simulatedPicos, energy.orElse(null), work);
    return new Account(energy, costs);
  }
}
