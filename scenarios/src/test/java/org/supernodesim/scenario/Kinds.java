package org.supernodesim.scenario;

import java.util.List;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.NetworkResult;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.scenario.file.CollectiveWorkload;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ServingWorkload;
import org.supernodesim.scenario.file.TraceWorkload;
import org.supernodesim.scenario.file.TrainingWorkload;
import org.supernodesim.workload.microbench.CollectiveBenchmark;
import org.supernodesim.workload.training.TrainingJob;

/**
 * The part of one kind a test knows its scenario or result has: a cast that fails loudly (a
 * ClassCastException naming both kinds) if the test's premise is wrong.
 */
public final class Kinds {
  private Kinds() {}

  public static List<CollectiveBenchmark.Entry> collectives(Scenario s) {
    return ((CollectiveWorkload) s.workload()).entries();
  }

  public static TrainingJob training(Scenario s) {
    return ((TrainingWorkload) s.workload()).job();
  }

  public static ServingWorkload serving(Scenario s) {
    return (ServingWorkload) s.workload();
  }

  public static TraceWorkload trace(Scenario s) {
    return (TraceWorkload) s.workload();
  }

  public static ReplayResult replay(RunResult r) {
    return (ReplayResult) r.workload();
  }

  public static List<CollectiveResult> collectives(RunResult r) {
    return ((CollectiveBenchmarkResult) r.workload()).collectives();
  }

  public static NetworkResult network(RunResult r) {
    return ((CollectiveBenchmarkResult) r.workload()).network();
  }

  public static TrainingResult training(RunResult r) {
    return (TrainingResult) r.workload();
  }

  public static ServingResult serving(RunResult r) {
    return (ServingResult) r.workload();
  }
}
