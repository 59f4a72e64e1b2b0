package org.supernodesim.results;

import java.util.List;

/**
 * What a collectives workload measured ({@code collectives} and {@code network} in result.json).
 *
 * @param collectives one entry per collective instance, in the order they were issued
 * @param network what the network did: bytes per tier, busiest links, timings per collective
 */
public record CollectiveBenchmarkResult(List<CollectiveResult> collectives, NetworkResult network)
    implements WorkloadResult {
  public CollectiveBenchmarkResult {
    collectives = List.copyOf(collectives);
  }

  @Override
  public <T> T match(Cases<T> cases) {
    return cases.collectives(this);
  }

  /** The highest bus bandwidth of any collective, or 0 when there is none. */
  public double peakBusBytesPerSecond() {
    return collectives.stream().mapToDouble(CollectiveResult::busBytesPerSecond).max().orElse(0);
  }
}
