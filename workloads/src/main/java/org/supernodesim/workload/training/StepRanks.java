package org.supernodesim.workload.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.workload.graph.GraphPool;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * Every global rank's graph of a training step, from the graphs of its stage representatives: what
 * a Chakra export writes, one file per chip. A rank at coordinates (t, c, d, s) does what its
 * stage's representative (0, 0, 0, s) does, with every rank it names moved by the same offset:
 * tensor and context coordinates by t and c (mod TP, CP); the data coordinate d = q·ep + e by q
 * whole expert blocks and e places within a block (mod each), so the representative's tensor,
 * context, data, expert and expert-data groups become the rank's own, and its pipeline peers the
 * ranks at its coordinates in their stages. The ranks' work is the same by the symmetry {@link
 * TrainingStep} simulates one rank per stage for; only the names differ.
 *
 * <p>A moved group is listed in ascending order, as the representative's are, so that all its
 * members name it alike; collective instances get new ids, one per (representative's id, moved
 * group), numbered in the order ranks 0, 1, ... first meet them, so each group's instance is its
 * own.
 *
 * <p>Worked example: tp 2, dp 2, pp 1 (ranks 0..3 = (t, d) in (0,0), (1,0), (0,1), (1,1)). The
 * representative's tensor all-reduce over [0, 1] becomes, on rank 2 = (0, 1), one over [2, 3];
 * its data-parallel all-reduce over [0, 2] becomes, on rank 1, one over [1, 3].
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
    for (int stage = 0; stage < p.pp(); stage++) {
      for (int d = 0; d < p.dp(); d++) {
        for (int c = 0; c < p.cp(); c++) {
          for (int t = 0; t < p.tp(); t++) {
            int rank = layout.rank(t, c, d, stage);
            if (rank != out.size()) {
              throw new IllegalStateException("rank order: " + rank + " at " + out.size());
            }
            int[] moved = offsets(p, t, c, d);
            out.add(pool.graph(rank, moved(step.graphs().get(stage), moved, pool, ids)));
          }
        }
      }
    }
    return out;
  }

  /** For each global rank, where the offset moves it. */
  private static int[] offsets(Parallelism p, int t, int c, int d) {
    int chips = Math.toIntExact(p.chips());
    int[] to = new int[chips];
    int blocks = p.dp() / p.ep();
    for (int r = 0; r < chips; r++) {
      int tp = r % p.tp();
      int cp = r / p.tp() % p.cp();
      int dp = r / (p.tp() * p.cp()) % p.dp();
      int stage = r / (p.tp() * p.cp() * p.dp());
      int block = (dp / p.ep() + d / p.ep()) % blocks;
      int place = (dp % p.ep() + d % p.ep()) % p.ep();
      to[r] =
          (tp + t) % p.tp()
              + p.tp() * ((cp + c) % p.cp() + p.cp() * (block * p.ep() + place + p.dp() * stage));
    }
    return to;
  }

  private static List<Operation> moved(
      OperationGraph g, int[] to, GraphPool pool, Map<List<Object>, Integer> ids) {
    List<Operation> ops = new ArrayList<>(g.size());
    for (Operation op : g.operations()) {
      if (op instanceof Operation.Collective x) {
        List<Integer> group = new ArrayList<>(x.group().size());
        for (int r : x.group()) {
          group.add(to[r]);
        }
        // Every member must name the group alike; the representative's groups ascend.
        group.sort(null);
        List<Integer> pooled = pool.list(group);
        int id = ids.computeIfAbsent(List.of(x.collectiveId(), pooled), k -> ids.size());
        ops.add(new Operation.Collective(x.id(), x.dependencies(), x.name(), id, x.kind(),
            pooled, x.bytes(), x.algorithm(), x.sourceBytes(), x.destinationBytes()));
      } else if (op instanceof Operation.Send s) {
        ops.add(new Operation.Send(s.id(), s.dependencies(), s.name(), to[s.peer()], s.bytes(),
            s.tag()));
      } else if (op instanceof Operation.Recv v) {
        ops.add(new Operation.Recv(v.id(), v.dependencies(), v.name(), to[v.peer()], v.tag()));
      } else {
        ops.add(op);
      }
    }
    return ops;
  }
}
