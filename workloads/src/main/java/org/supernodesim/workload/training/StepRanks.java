package org.supernodesim.workload.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.workload.graph.GraphPool;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * Every global rank's graph of a training step, as the chip fidelity runs it: what a Chakra export
 * writes, one file per chip. A rank runs its stage representative's graph with every group and
 * peer seen from the rank, through {@link RankLayout#translate} and {@link
 * RankLayout#translatePeer}, the very view each chip process of the chip fidelity takes of its
 * stage's graph: the coordinates a group varies in are kept, the others taken from the rank, so the
 * representative's tensor, context, data, expert and expert-data groups become the rank's own, in
 * the order the chip fidelity's algorithms walk them, and its pipeline peers the ranks at its
 * coordinates in their stages. The ranks' work is the same by the symmetry {@link TrainingStep}
 * simulates one rank per stage for; only the names differ.
 *
 * <p>Every member translates a group to the same list in the same order, so all of them name it
 * alike. Collective instances get new ids, one per (representative's id, translated group),
 * numbered in the order ranks 0, 1, ... first meet them, so each group's instance is its own (the
 * chip fidelity tells them apart by group stream instead).
 *
 * <p>Worked example: tp 2, dp 2, pp 1 (ranks 0..3 = (t, d) in (0,0), (1,0), (0,1), (1,1)). The
 * representative's tensor all-reduce over [0, 1] becomes, on rank 2 = (0, 1), one over [2, 3];
 * its data-parallel all-reduce over [0, 2] becomes, on rank 1, one over [1, 3].
 *
 * <p>Not carried over: a collective whose group spans pipeline stages (DualPipe's chunk pairs, a
 * tied embedding's pair) takes its closed form under the chip fidelity, since the stages issue it
 * in orders of their own; a file can only say "run this collective", so a replay of the export runs
 * it as steps.
 */
public final class StepRanks {
  private StepRanks() {}

  /** One graph per global rank, rank r at index r. */
  public static List<OperationGraph> all(TrainingStep step) {
    Parallelism p = step.job().parallelism();
    RankLayout layout = step.layout();
    GraphPool pool = new GraphPool();
    Map<List<Object>, Integer> ids = new HashMap<>(); // looked up only: ids in first-met order
    int chips = Math.toIntExact(p.chips());
    List<OperationGraph> out = new ArrayList<>(chips);
    for (int rank = 0; rank < chips; rank++) {
      OperationGraph stage = step.graphs().get(layout.stageOf(rank));
      out.add(pool.graph(rank, seenFrom(rank, stage, layout, pool, ids)));
    }
    return out;
  }

  private static List<Operation> seenFrom(
      int rank, OperationGraph g, RankLayout layout, GraphPool pool,
      Map<List<Object>, Integer> ids) {
    boolean representative = rank == g.rank();
    List<Operation> ops = new ArrayList<>(g.size());
    for (Operation op : g.operations()) {
      if (op instanceof Operation.Collective x) {
        List<Integer> group =
            pool.list(representative ? x.group() : layout.translate(x.group(), rank));
        int id = ids.computeIfAbsent(List.of(x.collectiveId(), group), k -> ids.size());
        ops.add(new Operation.Collective(x.id(), x.dependencies(), x.name(), id, x.kind(),
            group, x.bytes(), x.algorithm(), x.sourceBytes(), x.destinationBytes()));
      } else if (op instanceof Operation.Send s && !representative) {
        ops.add(new Operation.Send(s.id(), s.dependencies(), s.name(),
            layout.translatePeer(s.peer(), rank), s.bytes(), s.tag()));
      } else if (op instanceof Operation.Recv v && !representative) {
        ops.add(new Operation.Recv(v.id(), v.dependencies(), v.name(),
            layout.translatePeer(v.peer(), rank), v.tag()));
      } else {
        ops.add(op);
      }
    }
    return ops;
  }
}
