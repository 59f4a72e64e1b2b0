package org.supernodesim.workload.graph;

import java.util.List;

/**
 * Who waits for whom in a graph, in arrays: each operation's number of dependencies, and its
 * dependents in compressed rows ({@code dependents[start[id] .. start[id + 1])}). Immutable, so the
 * ranks of one shape share it; a run copies only the counts.
 */
final class DependencyIndex {
  private final int[] dependencyCounts;
  private final int[] start;
  private final int[] dependents;

  DependencyIndex(List<Operation> operations) {
    int n = operations.size();
    dependencyCounts = new int[n];
    start = new int[n + 1];
    for (Operation op : operations) {
      dependencyCounts[op.id()] = op.dependencies().size();
      for (int d : op.dependencies()) {
        start[d + 1]++;
      }
    }
    for (int i = 0; i < n; i++) {
      start[i + 1] += start[i];
    }
    dependents = new int[start[n]];
    int[] next = new int[n];
    for (Operation op : operations) {
      for (int d : op.dependencies()) {
        dependents[start[d] + next[d]++] = op.id();
      }
    }
  }

  /** A fresh copy of each operation's number of dependencies. */
  int[] dependencyCounts() {
    return dependencyCounts.clone();
  }

  int firstDependent(int id) {
    return start[id];
  }

  int endOfDependents(int id) {
    return start[id + 1];
  }

  int dependent(int position) {
    return dependents[position];
  }
}
