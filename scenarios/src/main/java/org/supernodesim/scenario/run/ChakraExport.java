package org.supernodesim.scenario.run;

import java.util.List;
import org.supernodesim.scenario.file.CollectiveWorkload;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ServingWorkload;
import org.supernodesim.scenario.file.TraceWorkload;
import org.supernodesim.scenario.file.TrainingWorkload;
import org.supernodesim.scenario.file.Workload;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.microbench.CollectiveBenchmark;
import org.supernodesim.workload.training.StepGenerator;
import org.supernodesim.workload.training.StepRanks;

/**
 * Every chip's graph of a scenario's workload, as the runner would run it, for {@code
 * export-chakra}: a collectives workload's graphs, a training step's every rank (its stage
 * representative's graph as the chip fidelity's process for that rank sees it, {@link
 * StepRanks}), a replayed trace's graphs on their chips. A serving workload
 * has no graph fixed before it runs (its batches depend on arrivals and the scheduler).
 */
public final class ChakraExport {
  private ChakraExport() {}

  /**
   * One graph per chip (rank r at index r).
   *
   * @throws UnsupportedOperationException for a serving workload, with why
   */
  public static List<OperationGraph> graphs(Scenario scenario) {
    return scenario
        .workload()
        .match(
            new Workload.Cases<List<OperationGraph>>() {
              @Override
              public List<OperationGraph> collectives(CollectiveWorkload w) {
                return CollectiveBenchmark.graphs(scenario.chips(), w.entries());
              }

              @Override
              public List<OperationGraph> training(TrainingWorkload w) {
                return StepRanks.all(StepGenerator.generate(w.job(), TrainingRun::algorithm));
              }

              @Override
              public List<OperationGraph> serving(ServingWorkload w) {
                throw new UnsupportedOperationException(
                    "a serving workload has no operation graph before it runs (its batches follow"
                        + " the arrivals and the scheduler); export a training step, a"
                        + " collectives workload or a trace");
              }

              @Override
              public List<OperationGraph> trace(TraceWorkload w) {
                return w.graphs();
              }
            });
  }
}
