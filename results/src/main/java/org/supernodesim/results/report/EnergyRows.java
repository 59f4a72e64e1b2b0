package org.supernodesim.results.report;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.PowerModel;

/** The energy and cost of a run as table rows (quantity, value, how it was counted). */
public final class EnergyRows {
  /** The table's header. */
  public static final List<String> HEADERS = List.of("quantity", "value", "from");

  private EnergyRows() {}

  /**
   * The rows; empty when the run has neither energy nor cost. Per-step figures only for a training
   * run: a serving or collectives run is one step, whose figure is the run's.
   */
  public static List<List<String>> of(RunResult r) {
    boolean perStep = r.workload() instanceof TrainingResult;
    List<List<String>> rows = new ArrayList<>();
    r.energy()
        .ifPresent(
            e -> {
              PowerModel m = e.model();
              rows.add(
                  List.of(
                      "chip busy power (TDP)",
                      ReportFormat.number(m.tdpWatts()) + " W",
                      m.tdpSource()));
              rows.add(
                  List.of(
                      "chip idle power",
                      ReportFormat.number(m.idleWatts()) + " W",
                      "idlePowerFraction "
                          + ReportFormat.number(m.idlePowerFraction())
                          + " of TDP"));
              rows.add(
                  List.of(
                      "communication-only power fraction",
                      ReportFormat.number(m.communicationPowerFraction()),
                      "of TDP above idle"));
              rows.add(
                  List.of(
                      "overhead per chip",
                      ReportFormat.number(m.overheadWattsPerChip()) + " W",
                      "hosts, NICs, switches"));
              rows.add(List.of("PUE", ReportFormat.number(m.pue()), m.pueSource()));
              rows.add(
                  List.of("mean chip power", ReportFormat.number(e.averageChipWatts()) + " W", ""));
              rows.add(
                  List.of(
                      "energy (facility)",
                      ReportFormat.quantity(e.facilityJoules(), "J")
                          + " = "
                          + ReportFormat.number(e.kilowattHours())
                          + " kWh",
                      ""));
              if (perStep) {
                rows.add(
                    List.of("energy per step", ReportFormat.quantity(e.joulesPerStep(), "J"), ""));
              }
            });
    for (CostResult c : r.costs()) {
      String unit = " " + c.price().currency();
      String basis =
          ReportFormat.number(c.price().amount())
              + unit
              + " per "
              + c.price().basis().label()
              + ", "
              + c.price().source();
      rows.add(List.of("cost of the run", ReportFormat.number(c.total()) + unit, basis));
      if (perStep) {
        rows.add(List.of("cost per step", ReportFormat.number(c.perStep()) + unit, basis));
      }
      if (c.perMillionTokens() != null) {
        rows.add(
            List.of(
                "cost per million tokens",
                ReportFormat.number(c.perMillionTokens()) + unit,
                basis));
      }
      if (c.perTrillionTokens() != null) {
        rows.add(
            List.of(
                "cost per trillion tokens",
                ReportFormat.number(c.perTrillionTokens()) + unit,
                basis));
      }
      if (c.perMillionOutputTokens() != null) {
        rows.add(
            List.of(
                "cost per million output tokens",
                ReportFormat.number(c.perMillionOutputTokens()) + unit,
                basis));
      }
    }
    return rows;
  }
}
