package org.supernodesim.workload.microbench;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * The nccl-tests workload: collectives run one after another over a group of ranks, each
 * waiting for the one before it, so each is timed alone.
 */
public final class CollectiveBenchmark {

  /**
   * One collective to time, {@code repeat} times in a row, over the global ranks {@code group}
   * (in group order). {@code sourceBytes} is empty, or each member's send buffer of an uneven
   * all-to-all (MoE dispatch and combine), {@code bytes} then being their mean.
   */
  public record Entry(
      CollectiveKind kind, long bytes, List<Integer> group, AlgorithmChoice algorithm, int repeat,
      List<Long> sourceBytes) {
    public Entry {
      group = List.copyOf(group);
      sourceBytes = List.copyOf(sourceBytes);
      if (!sourceBytes.isEmpty() && sourceBytes.size() != group.size()) {
        throw new IllegalArgumentException(
            "one send buffer per member: " + sourceBytes + " for group " + group);
      }
      if (group.size() < 2) {
        throw new IllegalArgumentException("a collective needs a group of at least 2: " + group);
      }
      if (group.stream().distinct().count() != group.size()) {
        throw new IllegalArgumentException("a group lists a rank twice: " + group);
      }
      if (repeat < 1) {
        throw new IllegalArgumentException("repeat must be >= 1: " + repeat);
      }
    }

    public int groupSize() {
      return group.size();
    }
  }

  /** Ranks 0 .. n-1. */
  public static List<Integer> firstRanks(int n) {
    List<Integer> ranks = new ArrayList<>(Math.max(0, n));
    for (int r = 0; r < n; r++) {
      ranks.add(r);
    }
    return ranks;
  }

  private CollectiveBenchmark() {}

  /** Each rank's graph for {@code chips} chips running {@code entries} in order. */
  public static List<OperationGraph> graphs(int chips, List<Entry> entries) {
    List<List<Operation>> perRank = new ArrayList<>(chips);
    for (int r = 0; r < chips; r++) {
      perRank.add(new ArrayList<>());
    }
    int collectiveId = 0;
    for (Entry e : entries) {
      List<Integer> group = e.group();
      for (int r : group) {
        if (r < 0 || r >= chips) {
          throw new IllegalArgumentException(
              "rank " + r + " of group " + group + " is not one of the " + chips + " chips");
        }
      }
      for (int i = 0; i < e.repeat(); i++, collectiveId++) {
        for (int r : group) {
          List<Operation> ops = perRank.get(r);
          List<Integer> after = ops.isEmpty() ? List.of() : List.of(ops.size() - 1);
          ops.add(
              new Operation.Collective(
                  ops.size(), after, e.kind().label() + " " + e.bytes() + " B", collectiveId,
                  e.kind(), group, e.bytes(), e.algorithm(), e.sourceBytes()));
        }
      }
    }
    List<OperationGraph> graphs = new ArrayList<>(chips);
    for (int r = 0; r < chips; r++) {
      graphs.add(new OperationGraph(r, perRank.get(r)));
    }
    return graphs;
  }
}
