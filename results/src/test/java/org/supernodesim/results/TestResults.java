package org.supernodesim.results;

import java.util.List;
import java.util.Optional;
import org.supernodesim.model.fabric.NetworkModel;

/** Results built by hand for report tests: a collectives run on the analytical model. */
public final class TestResults {
  private TestResults() {}

  /** A collectives run without energy or cost. */
  public static RunResult collectives(
      String scenario,
      long seed,
      EngineFacts engine,
      long simulatedPicos,
      RunInfo run,
      ChipSummary chip,
      List<CollectiveResult> collectives) {
    return new RunResult(
        scenario,
        seed,
        NetworkModel.ANALYTICAL,
        engine,
        simulatedPicos,
        run,
        chip,
        new CollectiveBenchmarkResult(collectives, NetworkResult.empty(NetworkModel.ANALYTICAL)),
        Optional.empty(),
        List.of());
  }
}
