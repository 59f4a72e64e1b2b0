package org.supernodesim.results;

import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.units.Units;

/**
 * One collective's timing, as nccl-tests reports it.
 *
 * @param kind {@code all-reduce}, {@code all-gather}, ...
 * @param algorithm the algorithm that ran, e.g. {@code ring}
 * @param groupSize the members of the group
 * @param bytes the buffer as nccl-tests counts it (whole buffer for all-reduce, gathered output
 *     for all-gather, input for reduce-scatter)
 * @param picos from the first member starting to the last member finishing
 * @param algorithmBytesPerSecond bytes / time
 * @param busBytesPerSecond algorithm bandwidth times the kind's bus factor (2(n-1)/n for
 *     all-reduce): comparable with the links' bandwidth whatever the group size
 */
public record CollectiveResult(
    String kind,
    String algorithm,
    int groupSize,
    long bytes,
    long picos,
    double algorithmBytesPerSecond,
    double busBytesPerSecond) {

  /** The result of a collective that took {@code picos}, its bandwidths derived. */
  public static CollectiveResult of(
      CollectiveKind kind, String algorithm, int groupSize, long bytes, long picos) {
    double algbw = picos == 0 ? 0 : bytes / (picos / Units.PICOS_PER_SECOND);
    return new CollectiveResult(
        kind.label(), algorithm, groupSize, bytes, picos, algbw,
        algbw * kind.busBandwidthFactor(groupSize));
  }
}
