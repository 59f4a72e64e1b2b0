package org.supernodesim.workload.inference;

/**
 * Whether a step's expert load is the finite sample it is or its expectation ({@code
 * experts.sampling} in a scenario).
 *
 * <p>A step routes a finite number of token-to-expert assignments, so even where the placement
 * balances the expected shares each rank's count scatters around its share, and the busiest of the
 * ep ranks sits above it: at 1,024 assignments a rank (128 tokens a GPU at EP72, top-8) the
 * binomial spread (about 32 a rank) puts the busiest of 72 at 1.075x the mean. Larger batches
 * shrink it ("Larger batches reduce random fluctuations in expert usage",
 * lmsys.org/blog/2025-05-05-large-scale-ep, §"Expert Parallelism Load Balancer").
 */
public enum ExpertSampling {
  /**
   * The busiest rank's expected count over the step's draw: each rank's count binomial at its
   * share ({@link RankLoads}).
   */
  BINOMIAL("binomial"),
  /** The expected shares alone, as an infinite batch would draw them. */
  NONE("none");

  private final String label;

  ExpertSampling(String label) {
    this.label = label;
  }

  /** The name in scenario files and results. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String label() {
    return label;
  }
}
