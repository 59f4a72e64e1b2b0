package org.supernodesim.workload.graph;

import java.util.ArrayList;
import java.util.Arrays;
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
  // The ready ids, a binary min-heap of ints: a PriorityQueue<Integer> boxed every id and chased
  // a reference per comparison, once per operation of every rank.
  private int[] ready = new int[16];
  private int readyCount;
  private int done;

  public Progress(OperationGraph graph) {
    this.graph = graph;
    this.index = graph.index();
    this.unmet = index.dependencyCounts();
    for (int id = 0; id < unmet.length; id++) {
      if (unmet[id] == 0) {
        addReady(id);
      }
    }
  }

  /** Marks operation {@code id} done; its dependents whose last dependency it was become ready. */
  public void complete(int id) {
    done++;
    for (int p = index.firstDependent(id), end = index.endOfDependents(id); p < end; p++) {
      int dependent = index.dependent(p);
      if (--unmet[dependent] == 0) {
        addReady(dependent);
      }
    }
  }

  /** The operations that became ready since the last call, in id order. */
  public List<Operation> takeReady() {
    List<Operation> out = new ArrayList<>(readyCount);
    while (readyCount > 0) {
      out.add(graph.get(pollReady()));
    }
    return out;
  }

  /** How many operations are ready and not yet taken. */
  public int readyCount() {
    return readyCount;
  }

  /**
   * As {@link #takeReady}, without a list: writes the ready ids, in id order, into {@code into},
   * which must hold {@link #readyCount} of them, and returns how many it wrote. For the engine's
   * hot loop, which reuses one buffer.
   */
  public int takeReadyIds(int[] into) {
    int n = 0;
    while (readyCount > 0) {
      into[n++] = pollReady();
    }
    return n;
  }

  /** True if some operation became ready and has not been taken yet. */
  public boolean hasReady() {
    return readyCount > 0;
  }

  private void addReady(int id) {
    if (readyCount == ready.length) {
      ready = Arrays.copyOf(ready, 2 * readyCount);
    }
    int i = readyCount++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (ready[parent] <= id) {
        break;
      }
      ready[i] = ready[parent];
      i = parent;
    }
    ready[i] = id;
  }

  private int pollReady() {
    int first = ready[0];
    int last = ready[--readyCount];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= readyCount) {
        break;
      }
      if (child + 1 < readyCount && ready[child + 1] < ready[child]) {
        child++;
      }
      if (ready[child] >= last) {
        break;
      }
      ready[i] = ready[child];
      i = child;
    }
    if (readyCount > 0) {
      ready[i] = last;
    }
    return first;
  }

  /** True when every operation is done. */
  public boolean finished() {
    return done == graph.size();
  }
}
