package org.supernodesim.results.report;

import org.supernodesim.model.units.Units;
import org.supernodesim.results.RunResult;

/** The time one step of a run's workload took: what scaling reads and cost is divided by. */
public final class StepTime {
  private StepTime() {}

  /** A training run's step time; any other run is one step: its simulated time. */
  public static double seconds(RunResult r) {
    return r.training() != null
        ? r.training().stepSeconds()
        : Units.picosToSeconds(r.simulatedPicos());
  }
}
