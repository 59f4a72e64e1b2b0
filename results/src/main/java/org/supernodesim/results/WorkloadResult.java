package org.supernodesim.results;

/**
 * What a run measured of its workload: one kind, as the scenario's workload was one kind. Reports,
 * {@code compare}, the sweep table and the command line each switch over it once, through {@link
 * #match}, so a new kind does not compile until each handles it.
 * In result.json each kind keeps the keys it always had: {@code collectives} and {@code network},
 * {@code training}, {@code serving}, or {@code replay} and {@code network}.
 */
public sealed interface WorkloadResult
    permits CollectiveBenchmarkResult, TrainingResult, ServingResult, ReplayResult {

  /** Calls the case of this kind. */
  <T> T match(Cases<T> cases);

  /** One method per kind of result: a switch over the kinds that the compiler checks. */
  interface Cases<T> {
    T collectives(CollectiveBenchmarkResult result);

    T training(TrainingResult result);

    T serving(ServingResult result);

    T replay(ReplayResult result);
  }
}
