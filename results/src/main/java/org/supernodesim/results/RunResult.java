package org.supernodesim.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Optional;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.EnergyResult;

/**
 * Everything one run yields: the source of truth for every report. Same scenario and seed give the
 * same result, byte for byte, whatever the runtime; only {@link #run()} varies between runs. Built
 * once, when the run is over; {@link #withRun} is the one copy, for comparing runs without what
 * varies between them. result.json is {@link RunResultJson}'s shape.
 *
 * @param scenario the scenario's name
 * @param seed the seed every random choice derived from
 * @param networkModel the network model that timed the transfers
 * @param runtime what the engine did, the same on every runtime (the runtime that ran is in {@code
 *     run})
 * @param simulatedPicos the virtual time at which the last event happened
 * @param run what varies between runs of the same scenario (wall time, threads, host)
 * @param chip the chip preset the run used, with the confidence of each figure
 * @param workload what the workload measured, one kind
 * @param energy the run's energy under the scenario's power model; empty when the chip's TDP is
 *     unknown
 * @param costs the run's cost at each price the scenario gives or the catalog defaults to
 */
public record RunResult(
    String scenario,
    long seed,
    NetworkModel networkModel,
    EngineFacts runtime,
    long simulatedPicos,
    RunInfo run,
    ChipSummary chip,
    WorkloadResult workload,
    Optional<EnergyResult> energy,
    List<CostResult> costs) {
  public RunResult {
    costs = costs == null ? List.of() : List.copyOf(costs);
  }

  /** A copy whose {@code run} is replaced: the rest stays what the simulation produced. */
  public RunResult withRun(RunInfo newRun) {
    return new RunResult(
        scenario,
        seed,
        networkModel,
        runtime,
        simulatedPicos,
        newRun,
        chip,
        workload,
        energy,
        costs);
  }

  /** result.json's shape. */
  @JsonValue
  RunResultJson toJson() {
    return RunResultJson.of(this);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static RunResult fromJson(RunResultJson json) {
    return json.toResult();
  }
}
