package org.supernodesim.workload.graph;

import java.util.List;

/**
 * A rank's work: operations in id order (ids 0..n-1), each depending only on lower ids, so the
 * graph is acyclic by construction.
 *
 * <p>Ranks that run the same work share it: {@link #forRank} gives another rank the same
 * operations and the same dependency index, and {@link #withSameShape} gives a rank different
 * operations (other groups, other peers) on the same dependencies, sharing the index. What a
 * rank then holds of its own is its rank number, and the {@link Progress} of its run (one count
 * per operation); {@link GraphPool} finds what can be shared as a trace is read.
 */
public final class OperationGraph {
  private final int rank;
  private final List<Operation> operations;
  private final DependencyIndex index;

  public OperationGraph(int rank, List<Operation> operations) {
    this.rank = rank;
    this.operations = List.copyOf(operations);
    for (int i = 0; i < this.operations.size(); i++) {
      Operation op = this.operations.get(i);
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
    this.index = new DependencyIndex(this.operations);
  }

  private OperationGraph(int rank, List<Operation> operations, DependencyIndex index) {
    this.rank = rank;
    this.operations = operations;
    this.index = index;
  }

  /** The same operations run by {@code otherRank}: nothing is copied. */
  public OperationGraph forRank(int otherRank) {
    return otherRank == rank ? this : new OperationGraph(otherRank, operations, index);
  }

  /**
   * {@code otherRank}'s {@code otherOperations}, whose dependencies are this graph's, operation by
   * operation: they share this graph's dependency index.
   *
   * @throws IllegalArgumentException if an operation's id or dependencies differ from this graph's
   */
  public OperationGraph withSameShape(int otherRank, List<Operation> otherOperations) {
    List<Operation> ops = List.copyOf(otherOperations);
    if (ops.size() != operations.size()) {
      throw new IllegalArgumentException(
          "rank " + otherRank + ": " + ops.size() + " operations, not " + operations.size());
    }
    for (int i = 0; i < ops.size(); i++) {
      Operation mine = operations.get(i);
      Operation theirs = ops.get(i);
      if (theirs.id() != i || !theirs.dependencies().equals(mine.dependencies())) {
        throw new IllegalArgumentException(
            "rank " + otherRank + ": operation " + i + " does not depend on what it does on rank "
                + rank);
      }
    }
    return new OperationGraph(otherRank, ops, index);
  }

  public int rank() {
    return rank;
  }

  /** The operations in id order. */
  public List<Operation> operations() {
    return operations;
  }

  /** The number of operations. */
  public int size() {
    return operations.size();
  }

  public Operation get(int id) {
    return operations.get(id);
  }

  /** True if this graph and {@code other} share one dependency index (nothing duplicated). */
  public boolean sharesIndexWith(OperationGraph other) {
    return index == other.index;
  }

  DependencyIndex index() {
    return index;
  }

  /** Equal ranks and equal operations (records compare by value). */
  @Override
  public boolean equals(Object o) {
    return o instanceof OperationGraph g && g.rank == rank && g.operations.equals(operations);
  }

  @Override
  public int hashCode() {
    return 31 * rank + operations.hashCode();
  }

  @Override
  public String toString() {
    return "OperationGraph[rank=" + rank + ", " + operations.size() + " operations]";
  }
}
