package org.supernodesim.results.report;

import org.supernodesim.model.units.Units;
import org.supernodesim.results.RunResult;

/** The time one step of a run's workload took: what scaling reads and cost is divided by. */
public final class StepTime {
  private StepTime() {}

  /**
   * A run of collectives is one step: its simulated time. (A training result's step time takes
   * precedence once results carry one.)
   */
  public static double seconds(RunResult r) {
    return Units.picosToSeconds(r.simulatedPicos());
  }
}
