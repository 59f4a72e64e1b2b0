package org.supernodesim.results;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What a collectives workload measured ({@code collectives}, {@code network} and {@code
 * publishedBusBandwidth} in result.json).
 *
 * @param collectives one entry per collective instance, in the order they were issued
 * @param network what the network did: bytes per tier, busiest links, timings per collective
 * @param published published nccl-tests measurements of the same system, collective and group size,
 *     for drawing beside the simulated ones; empty where none is known
 */
public record CollectiveBenchmarkResult(
    List<CollectiveResult> collectives, NetworkResult network, List<PublishedCurve> published)
    implements WorkloadResult {
  public CollectiveBenchmarkResult {
    collectives = List.copyOf(collectives);
    published = published == null ? List.of() : List.copyOf(published);
  }

  /** A result with no published measurements beside it. */
  public CollectiveBenchmarkResult(List<CollectiveResult> collectives, NetworkResult network) {
    this(collectives, network, List.of());
  }

  @Override
  public <T> T match(Cases<T> cases) {
    return cases.collectives(this);
  }

  /** The highest bus bandwidth of any collective, or 0 when there is none. */
  public double peakBusBytesPerSecond() {
    return collectives.stream().mapToDouble(CollectiveResult::busBytesPerSecond).max().orElse(0);
  }

  /**
   * A published bus-bandwidth curve of one collective on one system (nccl-tests output).
   *
   * @param system the published system's name in the validation table, e.g. {@code hgx-h100-8}
   * @param kind the collective, as results name it ({@code all-reduce})
   * @param groupSize the GPUs the measurement ran on
   * @param source where it was published
   * @param notes the source's conditions (NCCL version, algorithm, what was derived)
   * @param points size and bus bandwidth, by rising size
   */
  public record PublishedCurve(
      String system,
      String kind,
      int groupSize,
      String source,
      String notes,
      List<PublishedPoint> points) {
    public PublishedCurve {
      points = List.copyOf(points);
    }
  }

  /** One published measurement: nccl-tests' size column and its bus bandwidth. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"bytes", "busBytesPerSecond"})
  public record PublishedPoint(long bytes, double busBytesPerSecond) {}
}
