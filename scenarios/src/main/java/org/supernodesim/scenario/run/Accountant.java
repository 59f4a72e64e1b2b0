package org.supernodesim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.node.chip.ActivityLog;
import org.supernodesim.node.chip.ChipCluster;
import org.supernodesim.node.chip.ChipProcess;
import org.supernodesim.results.RunResult;
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

  static RunResult account(Scenario scenario, ChipCluster cluster, RunResult result) {
    return account(scenario, activities(cluster), result, Work.ONE_STEP);
  }

  /** Energy and cost of {@code work} from each chip's activity. */
  static RunResult account(
      Scenario scenario, List<ChipActivity> activities, RunResult result, Work work) {
    Accounting a = scenario.accounting();
    EnergyResult energy = null;
    Figure tdp = scenario.chip().figures().get(ChipFigure.TDP);
    if (tdp instanceof Figure.Known k) {
      PowerModel model =
          new PowerModel(
              k.value(),
              k.confidence().name().toLowerCase() + ": " + k.source(),
              a.idlePowerFraction(),
              a.communicationPowerFraction(),
              a.overheadWattsPerChip(),
              a.pue(),
              a.pueSource());
      energy = EnergyAccount.energy(model, activities, result.simulatedPicos(), work);
    }
    List<CostResult> costs =
        EnergyAccount.costs(a.prices(), scenario.chips(), result.simulatedPicos(), energy, work);
    return result.withEnergy(energy, costs);
  }

  static List<ChipActivity> activities(ChipCluster cluster) {
    List<ChipActivity> list = new ArrayList<>(cluster.chips().size());
    for (ChipProcess chip : cluster.chips()) {
      ActivityLog log = chip.activity();
      list.add(new ChipActivity(chip.rank(), log.computeBusyPicos(), log.communicationOnlyPicos()));
    }
    return list;
  }
}
