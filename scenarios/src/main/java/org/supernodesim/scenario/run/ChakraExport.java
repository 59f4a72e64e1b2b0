package org.supernodesim.scenario.run;

import java.util.List;
import org.supernodesim.scenario.file.CollectiveWorkload;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ServingWorkload;
import org.supernodesim.scenario.file.TraceWorkload;
import org.supernodesim.scenario.file.TrainingWorkload;
import org.supernodesim.scenario.file.Workload;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.microbench.CollectiveBenchmark;
import org.supernodesim.workload.training.StepGenerator;
import org.supernodesim.workload.training.StepRanks;
import org.supernodesim.workload.training.TrainingStep;

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
                TrainingStep step = StepGenerator.generate(w.job(), w::algorithm);
                boolean uneven = step.graphs().stream().flatMap(g -> g.operations().stream())
                    .anyMatch(op -> op instanceof Operation.Collective c
                        && !c.destinationBytes().isEmpty());
                if (uneven) {
                  // Chakra carries a send size per member, not the receive sizes of a dispatch.
                  throw new UnsupportedOperationException(
                      "workload.training: per-rank expert loads (expertLoad drawn from the seed,"
                          + " or expertLoads) give dispatches per-rank receive sizes, which"
                          + " Chakra files do not carry; export with capacityFactor (every"
                          + " rank padded) or without expertLoad");
                }
                return StepRanks.all(step);
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
