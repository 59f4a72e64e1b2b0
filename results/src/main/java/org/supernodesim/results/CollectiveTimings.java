package org.supernodesim.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.results.metrics.LatencyRecorder;

/**
 * Collective times grouped by (kind, algorithm, group size, bytes) as they are recorded, in
 * memory of one histogram per group: {@link NetworkResult#collectives()}' entries, listed by the
 * least order key recorded in each group (the first-issued collective). Not thread-safe.
 */
public final class CollectiveTimings {
  private static final class Group {
    final String kind;
    final String algorithm;
    final int groupSize;
    final long bytes;
    final LatencyRecorder picos = new LatencyRecorder();
    long count;
    long firstOrder = Long.MAX_VALUE;

    Group(String kind, String algorithm, int groupSize, long bytes) {
      this.kind = kind;
      this.algorithm = algorithm;
      this.groupSize = groupSize;
      this.bytes = bytes;
    }
  }

  private final Map<String, Group> groups = new HashMap<>(); // iterated only sorted
  private long count;

  /**
   * One collective took {@code picos}; {@code order} places it among the others (its group
   * lists where its least order does).
   */
  public void record(
      String kind, String algorithm, int groupSize, long bytes, long picos, long order) {
    Group g = groups.computeIfAbsent(kind + "|" + algorithm + "|" + groupSize + "|" + bytes,
        k -> new Group(kind, algorithm, groupSize, bytes));
    g.picos.recordPicos(picos);
    g.count++;
    g.firstOrder = Math.min(g.firstOrder, order);
    count++;
  }

  /** How many collectives were recorded. */
  public long count() {
    return count;
  }

  /** One timing per group, by each group's least order. */
  public List<NetworkResult.CollectiveTiming> timings() {
    List<Group> sorted = new ArrayList<>(groups.values());
    sorted.sort((a, b) -> Long.compare(a.firstOrder, b.firstOrder));
    List<NetworkResult.CollectiveTiming> out = new ArrayList<>(sorted.size());
    for (Group g : sorted) {
      out.add(new NetworkResult.CollectiveTiming(g.kind, g.algorithm, g.groupSize, g.bytes,
          g.count, g.picos.percentiles().orElseThrow()));
    }
    return out;
  }
}
