package org.supernodesim.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.EnergyResult;
import org.supernodesim.results.serving.ServingResult;

/**
 * Everything one run yields: the source of truth for every report. Same scenario and seed give the
 * same result, byte for byte, whatever the runtime; only {@link #run()} varies between runs.
 *
 * @param scenario the scenario's name
 * @param seed the seed every random choice derived from
 * @param runtime what the engine did, the same on every runtime (the runtime that ran is in
 *     {@code run})
 * @param simulatedPicos the virtual time at which the last event happened
 * @param run what varies between runs of the same scenario (wall time, threads, host)
 * @param chips the chip preset the run used, with the confidence of each figure
 * @param collectives one entry per collective instance, in the order they were issued
 * @param energy the run's energy under the scenario's power model; absent when the chip's TDP is
 *     unknown
 * @param costs the run's cost at each price the scenario gives or the catalog defaults to
 * @param serving what a serving workload measured; absent for other workloads
 * @param training the training step's figures, for a training workload (else absent)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(
    String scenario,
    long seed,
    EngineFacts runtime,
    long simulatedPicos,
    RunInfo run,
    ChipSummary chip,
    List<CollectiveResult> collectives,
    EnergyResult energy,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CostResult> costs,
    ServingResult serving,
    TrainingResult training,
    NetworkResult network) {
  public RunResult {
    collectives = List.copyOf(collectives);
    costs = costs == null ? List.of() : List.copyOf(costs);
  }

  /** A result without energy and cost figures. */
  public RunResult(
      String scenario,
      long seed,
      EngineFacts runtime,
      long simulatedPicos,
      RunInfo run,
      ChipSummary chip,
      List<CollectiveResult> collectives) {
    this(
        scenario, seed, runtime, simulatedPicos, run, chip, collectives, null, List.of(), null,
        null, null);
  }

  /** A copy with the run's energy and costs. */
  public RunResult withEnergy(EnergyResult newEnergy, List<CostResult> newCosts) {
    return new RunResult(
        scenario, seed, runtime, simulatedPicos, run, chip, collectives, newEnergy, newCosts,
        serving, training, network);
  }

  /** A copy with what a serving workload measured. */
  public RunResult withServing(ServingResult newServing) {
    return new RunResult(
        scenario, seed, runtime, simulatedPicos, run, chip, collectives, energy, costs,
        newServing, training, network);
  }

  /** A copy with a training step's figures. */
  public RunResult withTraining(TrainingResult newTraining) {
    return new RunResult(
        scenario, seed, runtime, simulatedPicos, run, chip, collectives, energy, costs,
        serving, newTraining, network);
  }

  /** A copy with what the network did. */
  public RunResult withNetwork(NetworkResult newNetwork) {
    return new RunResult(
        scenario, seed, runtime, simulatedPicos, run, chip, collectives, energy, costs, serving,
        training, newNetwork);
  }

  /** A copy whose {@code run} is replaced: the rest stays what the simulation produced. */
  public RunResult withRun(RunInfo newRun) {
    return new RunResult(
        scenario, seed, runtime, simulatedPicos, newRun, chip, collectives, energy, costs,
        serving, training, network);
  }
}
