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
import org.supernodesim.results.serving.ServingResult;
import org.supernodesim.model.units.Units;
import org.supernodesim.scenario.file.Accounting;
import org.supernodesim.scenario.file.Scenario;

/**
 * Energy and cost of a finished run: each chip's activity through the scenario's power model, and
 * the run's chip-hours and kWh at its prices.
 */
final class Accountant {
  private Accountant() {}

  static RunResult account(Scenario scenario, ChipCluster cluster, RunResult result) {
    return account(scenario, activities(cluster), Work.ONE_STEP, result);
  }

  /**
   * A serving run: each instance's chips busy (computing) for the instance's busy share of the
   * serving span, every other chip idle; the output tokens are the output rate over the span. The
   * span is taken as the run's simulated time, exact when the first request arrives at 0.
   */
  static RunResult accountServing(Scenario scenario, RunResult result) {
    ServingResult serving = result.serving();
    long[] busy = new long[scenario.chips()];
    for (ServingResult.InstanceSummary i : serving.instances()) {
      for (int c = i.firstChip(); c < i.firstChip() + i.chips() && c < busy.length; c++) {
        busy[c] = Math.round(i.busyFraction() * result.simulatedPicos());
      }
    }
    List<ChipActivity> chips = new ArrayList<>(busy.length);
    for (int c = 0; c < busy.length; c++) {
      chips.add(new ChipActivity(c, busy[c], 0));
    }
    double outputTokens =
        serving.outputTokensPerSecond() * Units.picosToSeconds(result.simulatedPicos());
    return account(scenario, chips, new Work(1, 0, outputTokens), result);
  }

  /** Energy and cost of {@code work} from each chip's activity. */
  static RunResult account(
      Scenario scenario, List<ChipActivity> activities, Work work, RunResult result) {
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
