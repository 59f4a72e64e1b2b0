package org.supernodesim.results.energy;

/**
 * What a run achieved, to spread energy and cost over.
 *
 * @param steps workload steps in the run (1 for a run of collectives), > 0
 * @param tokens tokens processed in the run (training), 0 when the workload has none
 * @param outputTokens tokens generated in the run (serving), 0 when none
 */
public record Work(double steps, double tokens, double outputTokens) {
  /** One step, no tokens: a run of collectives. */
  public static final Work ONE_STEP = new Work(1, 0, 0);

  public Work {
    if (!(steps > 0) || !(tokens >= 0) || !(outputTokens >= 0)) {
      throw new IllegalArgumentException(
          "steps must be > 0, tokens >= 0: " + steps + ", " + tokens + ", " + outputTokens);
    }
  }
}
