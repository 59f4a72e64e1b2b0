package org.supernodesim.results.energy;

/**
 * The parameters of the utilisation model (see the package documentation), each with where it came
 * from, so a report can say how firm the energy figure is.
 *
 * @param tdpWatts a chip's power while computing: the catalog's TDP (or the scenario's)
 * @param tdpSource where the TDP came from, with its confidence
 * @param idlePowerFraction f_idle: an idle chip's power as a fraction of TDP
 * @param communicationPowerFraction f_comm: the share of (TDP − idle) drawn while only communicating
 * @param overheadWattsPerChip P_o: each chip's share of hosts, NICs and switches, drawn throughout
 * @param pue the facility's power usage effectiveness, >= 1
 * @param pueSource where the PUE came from
 */
public record PowerModel(
    double tdpWatts,
    String tdpSource,
    double idlePowerFraction,
    double communicationPowerFraction,
    double overheadWattsPerChip,
    double pue,
    String pueSource) {
  public PowerModel {
    if (!(tdpWatts > 0) || Double.isInfinite(tdpWatts)) {
      throw new IllegalArgumentException("TDP must be finite and > 0 W: " + tdpWatts);
    }
    if (!(idlePowerFraction >= 0 && idlePowerFraction <= 1)
        || !(communicationPowerFraction >= 0 && communicationPowerFraction <= 1)) {
      throw new IllegalArgumentException(
          "power fractions must be in [0, 1]: " + idlePowerFraction + ", "
              + communicationPowerFraction);
    }
    if (!(overheadWattsPerChip >= 0) || !(pue >= 1)) {
      throw new IllegalArgumentException(
          "overhead must be >= 0 W and PUE >= 1: " + overheadWattsPerChip + ", " + pue);
    }
  }

  /** P_idle = f_idle · TDP. */
  public double idleWatts() {
    return idlePowerFraction * tdpWatts;
  }
}
