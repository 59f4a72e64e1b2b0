package org.supernodesim.scenario.file;

import org.supernodesim.scenario.file.Quantities.Power;

/** The sections that say what a run reports and how its energy and cost are counted. */
final class ReportSections {
  private ReportSections() {}

  /**
   * {@code energy:} the utilisation model's parameters (the model: results.energy).
   *
   * @param idlePowerFraction an idle chip's power as a fraction of its TDP; default 0.15, an
   *     assumption (not a catalog figure)
   * @param communicationPowerFraction the share of TDP above idle drawn while a chip only
   *     communicates; default 0.5, an assumption
   * @param overheadPerChip each chip's share of hosts, NICs and switches; default 0 W
   * @param pue the facility's PUE, >= 1; default: prices.yaml row {@code uptime-2023} (1.58)
   */
  record EnergySection(
      Double idlePowerFraction, Double communicationPowerFraction, Power overheadPerChip,
      Double pue) {
    static final double DEFAULT_IDLE = 0.15;
    static final double DEFAULT_COMMUNICATION = 0.5;
    static final EnergySection DEFAULT = new EnergySection(null, null, null, null);

    EnergySection {
      idlePowerFraction = idlePowerFraction == null ? DEFAULT_IDLE : idlePowerFraction;
      communicationPowerFraction =
          communicationPowerFraction == null ? DEFAULT_COMMUNICATION : communicationPowerFraction;
      if (!(idlePowerFraction >= 0 && idlePowerFraction <= 1)) {
        throw new InvalidInput("idlePowerFraction", idlePowerFraction + "; a fraction is in [0, 1]");
      }
      if (!(communicationPowerFraction >= 0 && communicationPowerFraction <= 1)) {
        throw new InvalidInput(
            "communicationPowerFraction", communicationPowerFraction + "; a fraction is in [0, 1]");
      }
      if (overheadPerChip != null && !(overheadPerChip.watts() >= 0)) {
        throw new InvalidInput("overheadPerChip", overheadPerChip.text() + "; a power is >= 0 W");
      }
      if (pue != null && !(pue >= 1)) {
        throw new InvalidInput("pue", pue + "; a PUE is >= 1 (IT energy is part of the total)");
      }
    }
  }

  /**
   * {@code cost:} the prices to count the run at; each is a price ({@code 2.0 USD} per chip-hour,
   * {@code 0.4 CNY/kWh}), the id of a prices.yaml row, or {@code none}.
   *
   * @param chipHour default: the chip's first priced row in prices.yaml
   * @param electricity default: prices.yaml row {@code us-average-ft} (0.091 USD/kWh)
   */
  record CostSection(String chipHour, String electricity) {
    static final CostSection DEFAULT = new CostSection(null, null);
  }
}
