package org.supernodesim.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Optional;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.results.energy.CostResult;
import org.supernodesim.results.energy.EnergyResult;

/**
 * result.json as it has always been laid out: the kind's keys at the top level ({@code collectives}
 * and {@code network}; {@code training}; {@code serving}; {@code replay} and {@code network}), beside the keys every run has. {@code
 * networkModel} is the one key added (which network model ran). A file's kind is the key it has:
 * {@code training}, else {@code serving}, else {@code replay}, else a collectives run. This record is the file format
 * only; code reads a {@link RunResult}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RunResultJson(
    String scenario,
    long seed,
    NetworkModel networkModel,
    EngineFacts runtime,
    long simulatedPicos,
    RunInfo run,
    ChipSummary chip,
    List<CollectiveResult> collectives,
    EnergyResult energy,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<CostResult> costs,
    ServingResult serving,
    TrainingResult training,
    ReplayResult replay,
    NetworkResult network,
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<CollectiveBenchmarkResult.PublishedCurve> publishedBusBandwidth) {

  static RunResultJson of(RunResult r) {
    Parts parts = r.workload().match(new Parts.Of());
    return new RunResultJson(
        r.scenario(),
        r.seed(),
        r.networkModel(),
        r.runtime(),
        r.simulatedPicos(),
        r.run(),
        r.chip(),
        parts.collectives,
        r.energy().orElse(null),
        r.costs(),
        parts.serving,
        parts.training,
        parts.replay,
        parts.network,
        parts.published);
  }

  /** The kind's keys: its own filled in, the others absent ({@code collectives} always a list). */
  private record Parts(
      List<CollectiveResult> collectives,
      ServingResult serving,
      TrainingResult training,
      ReplayResult replay,
      NetworkResult network,
      List<CollectiveBenchmarkResult.PublishedCurve> published) {
    private static final class Of implements WorkloadResult.Cases<Parts> {
      @Override
      public Parts collectives(CollectiveBenchmarkResult c) {
        return new Parts(c.collectives(), null, null, null, c.network(), c.published());
      }

      @Override
      public Parts training(TrainingResult t) {
        return new Parts(List.of(), null, t, null, t.network(), List.of());
      }

      @Override
      public Parts serving(ServingResult s) {
        return new Parts(List.of(), s, null, null, null, List.of());
      }

      @Override
      public Parts replay(ReplayResult r) {
        // The network object stays where a collectives run has it; replay holds the rest.
        return new Parts(List.of(), null, null, r, r.network(), List.of());
      }
    }
  }

  RunResult toResult() {
    // Files written before networkModel was recorded ran the analytical model, or say flow in
    // their network object (collectives were the one kind that could run on it).
    NetworkModel model =
        networkModel != null
            ? networkModel
            : network != null && network.model() != null
                ? network.model()
                : NetworkModel.ANALYTICAL;
    return new RunResult(
        scenario,
        seed,
        model,
        runtime,
        simulatedPicos,
        run,
        chip,
        workload(model),
        Optional.ofNullable(energy),
        costs);
  }

  private WorkloadResult workload(NetworkModel model) {
    if (training != null) {
      return training.withNetwork(network);
    }
    if (serving != null) {
      return serving;
    }
    if (replay != null) {
      return new ReplayResult(
          replay.trace(),
          replay.seconds(),
          replay.meanComputeSeconds(),
          replay.maxComputeSeconds(),
          replay.meanExposedCommunicationSeconds(),
          replay.collectives(),
          network == null ? NetworkResult.empty(model) : network);
    }
    return new CollectiveBenchmarkResult(
        collectives == null ? List.of() : collectives,
        network == null ? NetworkResult.empty(model) : network,
        publishedBusBandwidth);
  }
}
