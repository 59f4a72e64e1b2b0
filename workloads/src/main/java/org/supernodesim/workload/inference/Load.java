package org.supernodesim.workload.inference;

/**
 * How requests enter the system: at the source's arrival times, or held at a fixed number in
 * flight (MLPerf Inference's Offline scenario; the papers' fixed-concurrency runs), where the
 * source gives only the lengths and the next request enters when one completes.
 */
public sealed interface Load {
  /** Each request at its arrival time. */
  record Arrivals() implements Load {}

  /**
   * {@code inFlight} requests from time 0; each completion lets the next in at once.
   *
   * @param inFlight requests held in the system
   */
  record Saturate(int inFlight) implements Load {
    public Saturate {
      if (inFlight < 1) {
        throw new IllegalArgumentException("saturate needs at least 1 request in flight");
      }
    }
  }
}
