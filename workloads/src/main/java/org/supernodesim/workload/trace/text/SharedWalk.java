package org.supernodesim.workload.trace.text;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * Every rank's walk of a text workload as one graph, rank 0's, and each rank's groups beside it.
 * The tools walk the same layers on every rank; only the members of each collective's group
 * differ, and every rank's group of a span has as many members as rank 0's (the {@link Layout}'s
 * formulas), so rank r's graph is rank 0's with each group replaced by r's group of the same span.
 * A 9,216-rank workload of 1,789 layers thus holds one graph of 10,000 operations instead of
 * 9,216 graphs with 30 million distinct collectives, which took minutes to build.
 *
 * <p>Collective ids stay rank 0's: one id per issue (a walk's n-th collective), shared by the
 * groups of the same span on other ranks. A chip matches a peer's chunks by id among its own
 * collectives only, and all of a chip's collectives have distinct ids, so the run is the same;
 * only a tally of collectives by id counts the groups of one issue as one.
 */
public final class SharedWalk {
  private final OperationGraph graph;
  // Rank 0's group (the pool's object) -> its span's column in groups; looked up, never iterated.
  private final Map<List<Integer>, Integer> columns = new IdentityHashMap<>();
  private final List<List<List<Integer>>> groups; // [rank][column]

  SharedWalk(OperationGraph graph, Layout layout) {
    this.graph = graph;
    // Only the groups the walk issues: a span it never uses (every rank, on 9,216 ranks) would
    // cost a list of thousands of members per rank.
    Map<List<Integer>, Boolean> used = new IdentityHashMap<>();
    for (Operation op : graph.operations()) {
      if (op instanceof Operation.Collective c) {
        used.put(c.group(), Boolean.TRUE);
      }
    }
    List<Span> spans = new ArrayList<>();
    for (Span span : Span.values()) {
      List<Integer> own = layout.group(span, 0);
      if (!used.containsKey(own)) {
        continue;
      }
      Integer same = columns.get(own);
      if (same == null) {
        columns.put(own, spans.size());
        spans.add(span);
      } else {
        // Two spans with one group on rank 0 must have one on every rank, or the walk cannot
        // tell which to translate by.
        for (int r = 0; r < layout.ranks(); r++) {
          if (!layout.group(span, r).equals(layout.group(spans.get(same), r))) {
            throw new IllegalStateException(span + " and " + spans.get(same)
                + " are one group on rank 0 but not on rank " + r);
          }
        }
      }
    }
    this.groups = new ArrayList<>(layout.ranks());
    for (int r = 0; r < layout.ranks(); r++) {
      List<List<Integer>> row = new ArrayList<>(spans.size());
      for (Span span : spans) {
        row.add(layout.group(span, r));
      }
      groups.add(row);
    }
  }

  /** The walk every rank runs, written with rank 0's groups. */
  public OperationGraph graph() {
    return graph;
  }

  /** The number of ranks. */
  public int ranks() {
    return groups.size();
  }

  /**
   * Rank {@code rank}'s group for the graph's {@code group} (a collective's group as rank 0's
   * graph holds it), in rank order.
   *
   * @throws IllegalArgumentException if {@code group} is not one of the graph's groups
   */
  public List<Integer> group(List<Integer> group, int rank) {
    Integer column = columns.get(group);
    if (column == null) {
      throw new IllegalArgumentException("not a group of the shared walk: " + group);
    }
    return groups.get(rank).get(column);
  }
}
