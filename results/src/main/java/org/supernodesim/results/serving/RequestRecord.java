package org.supernodesim.results.serving;

import org.supernodesim.model.units.Units;

/**
 * What happened to one request of a serving run: a row of {@code requests.csv}.
 *
 * @param id the request's index in the trace, from 0
 * @param arrivalPicos when it arrived
 * @param promptTokens its prompt's tokens
 * @param outputTokens the tokens it generated
 * @param firstTokenPicos when its first output token came
 * @param finishedPicos when its last output token came
 * @param tpotPicos (last - first token) / (output - 1), rounded; -1 for a single output token
 * @param instance the instance that finished it
 * @param admittedBy the instance the router sent it to (its prefill instance when disaggregated)
 * @param preemptions times it was evicted from a running batch for want of KV blocks
 * @param prefixHitTokens prompt tokens found in a prefix cache; -1 without prefix caching
 */
public record RequestRecord(
    int id,
    long arrivalPicos,
    int promptTokens,
    int outputTokens,
    long firstTokenPicos,
    long finishedPicos,
    long tpotPicos,
    int instance,
    int admittedBy,
    int preemptions,
    long prefixHitTokens) {

  /** Time to first token, in seconds. */
  public double ttftSeconds() {
    return Units.picosToSeconds(firstTokenPicos - arrivalPicos);
  }

  /** Arrival to last token, in seconds. */
  public double e2eSeconds() {
    return Units.picosToSeconds(finishedPicos - arrivalPicos);
  }
}
