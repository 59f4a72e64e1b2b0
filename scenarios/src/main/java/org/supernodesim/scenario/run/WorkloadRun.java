package org.supernodesim.scenario.run;

import java.util.List;
import java.util.Optional;
import org.supernodesim.node.engine.Simulation;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.energy.ChipActivity;
import org.supernodesim.results.energy.Work;
import org.supernodesim.results.report.perfetto.Timeline;
import org.supernodesim.results.serving.ServingRecords;
import org.supernodesim.scenario.file.CollectiveWorkload;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ServingWorkload;
import org.supernodesim.scenario.file.TraceWorkload;
import org.supernodesim.scenario.file.TrainingWorkload;
import org.supernodesim.scenario.file.Workload;

/**
 * One kind of workload, ready to run: its logical processes, then what they measured. {@link #of}
 * is the runner's only switch over the kind; everything after it is a call on this interface.
 */
sealed interface WorkloadRun permits CollectivesRun, TrainingRun, ServingRun, ReplayRun {

  /** The run of {@code scenario}'s workload; {@code timeline}: note what a timeline draws. */
  static WorkloadRun of(Scenario scenario, boolean timeline) {
    return scenario
        .workload()
        .match(
            new Workload.Cases<WorkloadRun>() {
              @Override
              public WorkloadRun collectives(CollectiveWorkload w) {
                return new CollectivesRun(scenario, w, timeline);
              }

              @Override
              public WorkloadRun training(TrainingWorkload w) {
                return new TrainingRun(scenario, w, timeline);
              }

              @Override
              public WorkloadRun serving(ServingWorkload w) {
                return new ServingRun(scenario, w, timeline);
              }

              @Override
              public WorkloadRun trace(TraceWorkload w) {
                return new ReplayRun(scenario, w, timeline);
              }
            });
  }

  /** The processes a runtime runs. */
  Simulation simulation();

  /** What the processes measured, once the simulation ended at {@code endPicos}. */
  Measured measure(long endPicos);

  /** The chips' activity (or a serving instance's steps) as a timeline. */
  Optional<Timeline> timeline();

  /**
   * The share of the work done so far while the run goes on, NaN where the kind cannot tell;
   * read from another thread, for a progress display only.
   */
  default double fractionDone() {
    return Double.NaN;
  }

  /** A serving run's requests and latency histograms; empty for the other kinds. */
  default Optional<ServingRecords> servingRecords() {
    return Optional.empty();
  }

  /**
   * What one run of a workload amounts to.
   *
   * @param result the workload's figures
   * @param activities each chip's busy time, for its energy
   * @param work what the run did, for cost per step and per token
   */
  record Measured(WorkloadResult result, List<ChipActivity> activities, Work work) {}
}
