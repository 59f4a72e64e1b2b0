package org.supernodesim.workload.trace;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.workload.graph.GraphPool;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * A trace's ranks placed on a cluster's chips: trace rank r runs on chip {@code chipOfRank[r]},
 * every chip no rank runs on idles (an empty graph). A collective's group and a send's or
 * receive's peer are trace ranks in the file, so they are renamed to chips with the ranks.
 *
 * <p>Worked example: a 4-rank all-reduce placed on chips [0, 8, 16, 24] of 32 gives chip 8 the
 * all-reduce over group [0, 8, 16, 24], and chips 1..7, 9..15, ... nothing to do. Placed on the
 * first 4 chips (the default), the graphs are the trace's own, unchanged.
 */
public final class ChipPlacement {
  private ChipPlacement() {}

  /**
   * One graph per chip, chip c at index c.
   *
   * @param chipOfRank the chip of each trace rank: distinct, each in [0, chips)
   * @throws IllegalArgumentException if {@code chipOfRank} is not one distinct chip per rank
   */
  public static List<OperationGraph> onChips(
      TraceGraphs trace, int chips, List<Integer> chipOfRank) {
    if (chipOfRank.size() != trace.ranks()) {
      throw new IllegalArgumentException(
          chipOfRank.size() + " chips for a trace of " + trace.ranks() + " ranks");
    }
    OperationGraph[] byChip = new OperationGraph[chips];
    for (int r = 0; r < chipOfRank.size(); r++) {
      int chip = chipOfRank.get(r);
      if (chip < 0 || chip >= chips || byChip[chip] != null) {
        throw new IllegalArgumentException("chip " + chip + " of rank " + r
            + " is outside 0.." + (chips - 1) + " or already holds a rank");
      }
      byChip[chip] = trace.graphs().get(r); // placeholder; renamed below unless the identity
    }
    boolean identity = true;
    for (int r = 0; r < chipOfRank.size(); r++) {
      identity &= chipOfRank.get(r) == r;
    }
    GraphPool pool = new GraphPool();
    List<OperationGraph> out = new ArrayList<>(chips);
    OperationGraph idle = null;
    for (int c = 0; c < chips; c++) {
      if (byChip[c] == null) {
        idle = idle == null ? new OperationGraph(c, List.of()) : idle.forRank(c);
        out.add(idle);
      } else if (identity) {
        out.add(byChip[c]);
      } else {
        out.add(pool.graph(c, renamed(byChip[c], chipOfRank, pool)));
      }
    }
    return out;
  }

  /** The first {@code ranks} chips: the default placement. */
  public static List<Integer> firstChips(int ranks) {
    List<Integer> chips = new ArrayList<>(ranks);
    for (int r = 0; r < ranks; r++) {
      chips.add(r);
    }
    return chips;
  }

  private static List<Operation> renamed(
      OperationGraph g, List<Integer> chipOfRank, GraphPool pool) {
    List<Operation> ops = new ArrayList<>(g.size());
    for (Operation op : g.operations()) {
      if (op instanceof Operation.Collective c) {
        List<Integer> group = new ArrayList<>(c.group().size());
        for (int r : c.group()) {
          group.add(chipOfRank.get(r));
        }
        ops.add(new Operation.Collective(c.id(), c.dependencies(), c.name(), c.collectiveId(),
            c.kind(), pool.list(group), c.bytes(), c.algorithm(), c.sourceBytes()));
      } else if (op instanceof Operation.Send s) {
        ops.add(new Operation.Send(s.id(), s.dependencies(), s.name(), chipOfRank.get(s.peer()),
            s.bytes(), s.tag()));
      } else if (op instanceof Operation.Recv v) {
        ops.add(new Operation.Recv(v.id(), v.dependencies(), v.name(), chipOfRank.get(v.peer()),
            v.tag()));
      } else {
        ops.add(op);
      }
    }
    return ops;
  }
}
