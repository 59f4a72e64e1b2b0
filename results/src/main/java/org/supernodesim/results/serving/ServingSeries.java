package org.supernodesim.results.serving;

import java.util.ArrayList;
import java.util.List;

/**
 * What each serving instance did over the run, in buckets of equal width from time 0 (at most
 * {@link StepLog#BUCKETS} of them; see {@link StepLog}).
 *
 * @param bucketSeconds the width of a bucket; the last bucket may be cut short by the run's end
 * @param instances per instance, in index order
 */
public record ServingSeries(double bucketSeconds, List<InstanceSeries> instances) {
  public ServingSeries {
    instances = List.copyOf(instances);
    if (!(bucketSeconds > 0)) {
      throw new IllegalArgumentException("a bucket is > 0 s wide: " + bucketSeconds);
    }
  }

  /** How many buckets each instance has (0 without instances). */
  public int buckets() {
    return instances.isEmpty() ? 0 : instances.get(0).buckets();
  }

  /** The start of bucket {@code b}, in seconds. */
  public double startSeconds(int b) {
    return b * bucketSeconds;
  }

  /**
   * Requests that arrived at unified or prefill instances per bucket: the trace's arrivals, one
   * routing delay later ({@code entry} names the instances that take new requests).
   */
  public List<Long> arrivals(List<Integer> entry) {
    List<Long> sum = new ArrayList<>();
    for (int b = 0; b < buckets(); b++) {
      long n = 0;
      for (InstanceSeries s : instances) {
        if (entry.contains(s.instance())) {
          n += s.arrivals().get(b);
        }
      }
      sum.add(n);
    }
    return sum;
  }
}
