package org.supernodesim.workload.graph;

import java.util.List;

/**
 * A rank's work: operations in id order (ids 0..n-1), each depending only on lower ids, so the
 * graph is acyclic by construction.
 */
public record OperationGraph(int rank, List<Operation> operations) {
  public OperationGraph {
    operations = List.copyOf(operations);
    for (int i = 0; i < operations.size(); i++) {
      Operation op = operations.get(i);
      if (op.id() != i) {
        throw new IllegalArgumentException(
            "rank " + rank + ": operation at position " + i + " has id " + op.id());
      }
      for (int d : op.dependencies()) {
        if (d < 0 || d >= i) {
          throw new IllegalArgumentException(
              "rank " + rank + ": operation " + i + " depends on " + d + ", not an earlier one");
        }
      }
    }
  }

  /** The number of operations. */
  public int size() {
    return operations.size();
  }

  public Operation get(int id) {
    return operations.get(id);
  }
}
