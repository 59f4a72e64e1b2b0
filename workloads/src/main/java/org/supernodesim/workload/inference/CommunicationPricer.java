package org.supernodesim.workload.inference;

/**
 * Prices a step's {@link CommunicationDemand}s: where the instance's chips are and which links
 * join them is the caller's knowledge (the scenario's network model), not the step cost model's.
 */
@FunctionalInterface
public interface CommunicationPricer {
  /** Picoseconds of all {@code timesPerStep} runs of {@code demand}, one after another. */
  long picos(CommunicationDemand demand);
}
