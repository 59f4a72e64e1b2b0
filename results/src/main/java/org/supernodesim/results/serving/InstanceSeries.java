package org.supernodesim.results.serving;

import java.util.List;

/**
 * One serving instance over time, one value per bucket of its {@link ServingSeries}.
 *
 * @param instance the instance's index
 * @param arrivals requests that arrived at it (from the router, or with their KV from a prefill)
 * @param steps forward steps that began
 * @param tokens tokens computed by the steps that began (prompt chunks, one per decode)
 * @param busy share of the bucket spent in steps, 0 to 1
 * @param queued mean requests waiting to be admitted
 * @param running mean requests running (admitted, holding KV)
 * @param kvUtilisation mean share of its KV blocks in use, 0 to 1
 */
public record InstanceSeries(
    int instance,
    List<Long> arrivals,
    List<Long> steps,
    List<Long> tokens,
    List<Double> busy,
    List<Double> queued,
    List<Double> running,
    List<Double> kvUtilisation) {
  public InstanceSeries {
    arrivals = List.copyOf(arrivals);
    steps = List.copyOf(steps);
    tokens = List.copyOf(tokens);
    busy = List.copyOf(busy);
    queued = List.copyOf(queued);
    running = List.copyOf(running);
    kvUtilisation = List.copyOf(kvUtilisation);
    int n = arrivals.size();
    for (List<?> l : List.of(steps, tokens, busy, queued, running, kvUtilisation)) {
      if (l.size() != n) {
        throw new IllegalArgumentException(
            "instance " + instance + ": series of " + n + " and " + l.size() + " buckets");
      }
    }
  }

  /** How many buckets the series has. */
  public int buckets() {
    return arrivals.size();
  }
}
