package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * The requests of a run in arrival order, with how they were obtained.
 *
 * @param source where they came from, for the result (a file name, or the synthetic process)
 * @param requests in arrival order; ids are positions
 * @param skippedRows rows of a trace file refused and skipped (only with the skip option)
 * @param prefixBlockTokens tokens per prefix block of {@link Request#prefixBlocks} (512 for
 *     Mooncake), 0 when the source carries no hashes
 * @param skippedOverlong requests dropped for being longer than the model's context
 */
public record RequestTrace(
    String source, List<Request> requests, int skippedRows, int prefixBlockTokens,
    int skippedOverlong) {

  /** A trace nothing was dropped from for its length. */
  public RequestTrace(
      String source, List<Request> requests, int skippedRows, int prefixBlockTokens) {
    this(source, requests, skippedRows, prefixBlockTokens, 0);
  }

  public RequestTrace {
    requests = List.copyOf(requests);
    for (int i = 0; i < requests.size(); i++) {
      if (requests.get(i).id() != i) {
        throw new IllegalArgumentException("request ids must be their positions; " + i + " is "
            + requests.get(i).id());
      }
      if (i > 0 && requests.get(i).arrivalPicos() < requests.get(i - 1).arrivalPicos()) {
        throw new IllegalArgumentException("requests must come in arrival order; request " + i
            + " arrives before request " + (i - 1));
      }
    }
  }

  /**
   * Replays the trace {@code factor} times faster (2: twice the rate), keeping order; then keeps
   * the requests arriving before {@code windowPicos} of the scaled time (Long.MAX_VALUE: all).
   */
  public RequestTrace scaled(double factor, long windowPicos) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("time scale must be > 0: " + factor);
    }
    List<Request> out = new ArrayList<>(requests.size());
    for (Request r : requests) {
      long at = factor == 1 ? r.arrivalPicos() : Math.round(r.arrivalPicos() / factor);
      if (at >= windowPicos) {
        break;
      }
      out.add(r.arrivingAt(at));
    }
    return new RequestTrace(source, out, skippedRows, prefixBlockTokens, skippedOverlong);
  }

  /** The first request whose prompt and output exceed {@code contextTokens}, if any. */
  public java.util.Optional<Request> firstLongerThan(long contextTokens) {
    return requests.stream()
        .filter(r -> (long) r.promptTokens() + r.outputTokens() > contextTokens)
        .findFirst();
  }

  /** The trace without the requests longer than {@code contextTokens}, renumbered, counted. */
  public RequestTrace withoutLongerThan(long contextTokens) {
    List<Request> kept = new ArrayList<>(requests.size());
    for (Request r : requests) {
      if ((long) r.promptTokens() + r.outputTokens() <= contextTokens) {
        kept.add(new Request(kept.size(), r.arrivalPicos(), r.promptTokens(), r.outputTokens(),
            r.prefixBlocks()));
      }
    }
    return new RequestTrace(source, kept, skippedRows, prefixBlockTokens,
        skippedOverlong + requests.size() - kept.size());
  }
}
