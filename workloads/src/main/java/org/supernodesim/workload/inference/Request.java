package org.supernodesim.workload.inference;

/**
 * One request to a serving system: when it arrives, how long its prompt is and how many tokens it
 * generates.
 *
 * @param id its position in arrival order, from 0; the tie-breaker wherever two requests compete
 * @param arrivalPicos virtual time of arrival
 * @param promptTokens prompt length, at least 1
 * @param outputTokens tokens to generate, at least 1 (the first comes out of the prefill)
 * @param prefixBlocks the prompt's prefix-block hashes, one per {@link
 *     RequestTrace#prefixBlockTokens} tokens (Mooncake traces); empty when the source has none. Never mutated after creation.
 */
public record Request(
    int id, long arrivalPicos, int promptTokens, int outputTokens, int[] prefixBlocks) {
  private static final int[] NONE = new int[0];

  public Request {
    if (promptTokens < 1 || outputTokens < 1) {
      throw new IllegalArgumentException(
          "request " + id + ": prompt and output need at least 1 token, got " + promptTokens
              + " and " + outputTokens);
    }
    if (arrivalPicos < 0) {
      throw new IllegalArgumentException("request " + id + ": arrival before 0: " + arrivalPicos);
    }
    prefixBlocks = prefixBlocks == null ? NONE : prefixBlocks;
  }

  /** A request without prefix hashes. */
  public static Request of(int id, long arrivalPicos, int promptTokens, int outputTokens) {
    return new Request(id, arrivalPicos, promptTokens, outputTokens, NONE);
  }

  /** The same request arriving at {@code newArrivalPicos}. */
  Request arrivingAt(long newArrivalPicos) {
    return new Request(id, newArrivalPicos, promptTokens, outputTokens, prefixBlocks);
  }
}
