package org.supernodesim.results.report;

import org.supernodesim.model.units.Units;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;

/** The time one step of a run's workload took: what scaling reads and cost is divided by. */
final class StepTime {
  private StepTime() {}

  /** A training run's step time; any other run is one step: its simulated time. */
  public static double seconds(RunResult r) {
    double simulated = Units.picosToSeconds(r.simulatedPicos());
    return r.workload().match(new WorkloadResult.Cases<Double>() {
      @Override
      public Double collectives(CollectiveBenchmarkResult c) {
        return simulated;
      }

      @Override
      public Double training(TrainingResult t) {
        return t.stepSeconds();
      }

      @Override
      public Double serving(ServingResult s) {
        return simulated;
      }

      @Override
      public Double replay(ReplayResult r) {
        return simulated;
      }
    });
  }
}
