package org.supernodesim.model.fabric;

/**
 * A switch that reduces and multicasts in its own silicon (NVLink SHARP, "NVLS", on NVSwitch):
 * each chip sends its buffer up once and receives the reduced result once, instead of the ring's
 * 2(n-1)/n buffers per direction. Both figures are calibration, kept with their source in the
 * system preset that states them.
 *
 * @param efficiency the fraction of the (calibrated) link bandwidth that in-switch reduction
 *     reaches, in (0, 1]
 * @param phaseLatencyPicos the fixed cost of each of its two phases (reduce, multicast)
 */
public record InSwitchReduction(double efficiency, long phaseLatencyPicos) {
  public InSwitchReduction {
    if (!(efficiency > 0 && efficiency <= 1)) {
      throw new IllegalArgumentException("in-switch reduction: efficiency must be in (0, 1]: "
          + efficiency);
    }
    if (phaseLatencyPicos < 0) {
      throw new IllegalArgumentException(
          "in-switch reduction: phase latency must be >= 0 ps: " + phaseLatencyPicos);
    }
  }
}
