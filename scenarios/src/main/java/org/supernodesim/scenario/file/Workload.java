package org.supernodesim.scenario.file;

import java.util.Set;
import org.supernodesim.model.fabric.NetworkModel;

/**
 * What the chips of a scenario do: exactly one kind, named by the one key under {@code workload:}.
 * The runner, the validator and the summaries each switch over it once, through {@link #match}, so
 * a kind cannot be forgotten: a new one (trace replay joins as the fourth: a {@code
 * TraceReplayWorkload} record, its section beside the others in {@link Sections}, and a {@code
 * traceReplay} case here) does not compile until every switch handles it.
 */
public sealed interface Workload permits CollectiveWorkload, TrainingWorkload, ServingWorkload, TraceWorkload {

  /** Calls the case of this kind. */
  <T> T match(Cases<T> cases);

  /**
   * The network models this kind really runs on; the scenario refuses any other at {@code
   * network.model} rather than ignore it.
   */
  Set<NetworkModel> networkModels();

  /** Why a network model outside {@link #networkModels()} is refused: said after the value. */
  String networkModelsReason();

  /** One method per kind of workload: a switch over the kinds that the compiler checks. */
  interface Cases<T> {
    T collectives(CollectiveWorkload workload);

    T training(TrainingWorkload workload);

    T serving(ServingWorkload workload);

    T trace(TraceWorkload workload);
  }
}
