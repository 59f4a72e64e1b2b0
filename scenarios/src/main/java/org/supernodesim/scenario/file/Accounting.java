package org.supernodesim.scenario.file;

import java.util.List;
import org.supernodesim.results.energy.Price;
import org.supernodesim.results.report.ReportOutput;

/**
 * What a scenario asks to be reported and how its energy and cost are counted, resolved: prices
 * and the PUE carry the scenario key or the prices.yaml row they came from.
 *
 * @param outputs the files to write (result.json always)
 * @param idlePowerFraction f_idle of the power model
 * @param communicationPowerFraction f_comm of the power model
 * @param overheadWattsPerChip each chip's share of hosts, NICs and switches
 * @param pue the facility's PUE
 * @param pueSource where the PUE came from
 * @param prices the prices to count the run at, chip-hour first
 */
public record Accounting(
    List<ReportOutput> outputs,
    double idlePowerFraction,
    double communicationPowerFraction,
    double overheadWattsPerChip,
    double pue,
    String pueSource,
    List<Price> prices) {
  /** The defaults without a catalog: every output but the timeline, PUE 1, no prices. */
  public static final Accounting DEFAULT =
      new Accounting(
          ReportOutput.DEFAULT,
          ReportSections.EnergySection.DEFAULT_IDLE,
          ReportSections.EnergySection.DEFAULT_COMMUNICATION,
          0,
          1,
          "none given",
          List.of());

  public Accounting {
    outputs = List.copyOf(outputs);
    prices = List.copyOf(prices);
  }

  /** True if {@code output} is among the outputs. */
  public boolean writes(ReportOutput output) {
    return outputs.contains(output);
  }
}
