package org.supernodesim.workload.graph;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a rank has come through its graph: which operations are done and which have become
 * ready. Ready operations are handed out in id order, so execution never depends on the order in
 * which completions were reported within one instant. A run holds one count per operation of its
 * own; the dependency index is the graph's, shared by every rank of the same shape.
 */
public final class Progress {
  private final OperationGraph graph;
  private final DependencyIndex index;
  private final int[] unmet;
  private final java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
  private int done;

  public Progress(OperationGraph graph) {
    this.graph = graph;
    this.index = graph.index();
    this.unmet = index.dependencyCounts();
    for (int id = 0; id < unmet.length; id++) {
      if (unmet[id] == 0) {
        ready.add(id);
      }
    }
  }

  /** Marks operation {@code id} done; its dependents whose last dependency it was become ready. */
  public void complete(int id) {
    done++;
    for (int p = index.firstDependent(id); p < index.endOfDependents(id); p++) {
      int dependent = index.dependent(p);
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
