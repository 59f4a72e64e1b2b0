package org.supernodesim.workload.cost;

import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.units.Units;
import org.supernodesim.workload.graph.Operation;

/**
 * The roofline (Williams, Waterman and Patterson, CACM 52(4), 2009): an operation takes as long as
 * the slower of its arithmetic at the chip's peak rate and its memory traffic at the chip's HBM
 * bandwidth. Peaks are the catalog's dense figures; achievable fractions come with calibration.
 */
public final class ComputeCostModel {
  private final ChipSpec chip;

  public ComputeCostModel(ChipSpec chip) {
    this.chip = chip;
  }

  /** The duration of {@code op} on this chip, to the nearest picosecond. */
  public long durationPicos(Operation.Compute op) {
    double seconds = 0;
    if (op.flops() > 0) {
      seconds = op.flops() / chip.require(op.precision().peak());
    }
    if (op.bytes() > 0) {
      seconds = Math.max(seconds, op.bytes() / chip.require(ChipFigure.HBM_BANDWIDTH));
    }
    return Math.round(seconds * Units.PICOS_PER_SECOND);
  }
}
