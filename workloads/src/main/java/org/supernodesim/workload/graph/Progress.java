package org.supernodesim.workload.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a rank has come through its graph: which operations are done and which have become
 * ready. Ready operations are handed out in id order, so execution never depends on the order in
 * which completions were reported within one instant.
 */
public final class Progress {
  private final OperationGraph graph;
  private final int[] unmet;
  private final int[][] dependents;
  private final java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
  private int done;

  public Progress(OperationGraph graph) {
    this.graph = graph;
    int n = graph.size();
    unmet = new int[n];
    int[] counts = new int[n];
    for (Operation op : graph.operations()) {
      unmet[op.id()] = op.dependencies().size();
      for (int d : op.dependencies()) {
        counts[d]++;
      }
    }
    dependents = new int[n][];
    for (int i = 0; i < n; i++) {
      dependents[i] = new int[counts[i]];
      counts[i] = 0;
    }
    for (Operation op : graph.operations()) {
      for (int d : op.dependencies()) {
        dependents[d][counts[d]++] = op.id();
      }
      if (unmet[op.id()] == 0) {
        ready.add(op.id());
      }
    }
  }

  /** Marks operation {@code id} done; its dependents whose last dependency it was become ready. */
  public void complete(int id) {
    done++;
    for (int dependent : dependents[id]) {
      if (--unmet[dependent] == 0) {
        ready.add(dependent);
      }
    }
  }

  /** The operations that became ready since the last call, in id order. */
  public List<Operation> takeReady() {
    List<Operation> out = new ArrayList<>(ready.size());
    while (!ready.isEmpty()) {
      out.add(graph.get(ready.poll()));
    }
    return out;
  }

  /** True if some operation became ready and has not been taken yet. */
  public boolean hasReady() {
    return !ready.isEmpty();
  }

  /** True when every operation is done. */
  public boolean finished() {
    return done == graph.size();
  }
}
