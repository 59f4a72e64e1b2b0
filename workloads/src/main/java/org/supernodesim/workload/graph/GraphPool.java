package org.supernodesim.workload.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares what the ranks of one workload have in common while their graphs are built, so that a
 * cluster of thousands of chips does not hold thousands of copies: equal operations become one
 * object, equal rank lists (groups, dependencies) one list, a rank whose operations equal an
 * earlier rank's gets that rank's graph ({@link OperationGraph#forRank}), and a rank with the same
 * dependencies as an earlier one shares its dependency index ({@link
 * OperationGraph#withSameShape}).
 *
 * <p>The maps are looked up (operations and lists by value, whole graphs by the identity of their
 * pooled parts) and never iterated, so what is shared never depends on hash order or identity
 * hashes. Not thread-safe: one pool per reader.
 */
public final class GraphPool {
  private final Map<Mixed<List<Integer>>, List<Integer>> lists = new HashMap<>();
  private final Map<Mixed<Operation>, Operation> operations = new HashMap<>();
  private final Map<Same, OperationGraph> graphs = new HashMap<>();
  private final Map<Same, OperationGraph> shapes = new HashMap<>();
  private final List<List<Integer>> singles = new ArrayList<>();
  private List<Operation> previousOps = List.of();
  private List<List<Integer>> previousShape = List.of();

  /** The pool's copy of {@code ints} (a group, a list of dependencies), immutable. */
  public List<Integer> list(List<Integer> ints) {
    List<Integer> found = lists.get(new Mixed<>(ints));
    if (found != null) {
      return found;
    }
    List<Integer> copy = List.copyOf(ints);
    lists.put(new Mixed<>(copy), copy);
    return copy;
  }

  /**
   * The pool's list of the one operation {@code id}: what most operations depend on. Kept by index
   * (ranks ask for the same ids over and over), so asking costs no hashing.
   */
  public List<Integer> single(int id) {
    while (singles.size() <= id) {
      singles.add(null);
    }
    List<Integer> found = singles.get(id);
    if (found == null) {
      found = list(List.of(id));
      singles.set(id, found);
    }
    return found;
  }

  /** The pool's copy of {@code op}: one object for every equal operation. */
  @SuppressWarnings("unchecked")
  public <T extends Operation> T operation(T op) {
    return (T) operations.computeIfAbsent(new Mixed<>(op), k -> k.value());
  }

  /**
   * {@code rank}'s graph of {@code ops}, sharing with earlier graphs of this pool what is equal:
   * the whole graph if the operations are, else the dependency index if the dependencies are.
   */
  public OperationGraph graph(int rank, List<Operation> ops) {
    List<Operation> pooled = new ArrayList<>(ops.size());
    List<List<Integer>> shape = new ArrayList<>(ops.size());
    for (int i = 0; i < ops.size(); i++) {
      Operation op = ops.get(i);
      // Ranks mostly repeat the rank before them position by position: compared with that
      // rank's (pooled) operation first, most operations skip the map, whose random accesses
      // into hundreds of thousands of entries dominated reading large traces. Equal is equal: the
      // answer is the map's.
      if (i < previousOps.size() && previousOps.get(i).equals(op)) {
        pooled.add(previousOps.get(i));
        shape.add(previousShape.get(i));
        continue;
      }
      Operation p = operation(op);
      pooled.add(p);
      shape.add(list(p.dependencies()));
    }
    previousOps = pooled;
    previousShape = shape;
    Same operationsKey = new Same(pooled);
    OperationGraph same = graphs.get(operationsKey);
    if (same != null) {
      return same.forRank(rank);
    }
    Same shapeKey = new Same(shape);
    OperationGraph sameShape = shapes.get(shapeKey);
    OperationGraph graph =
        sameShape == null
            ? new OperationGraph(rank, pooled)
            : sameShape.withSameShape(rank, pooled);
    graphs.put(operationsKey, graph);
    shapes.putIfAbsent(shapeKey, graph);
    return graph;
  }

  /**
   * A list of pooled objects, compared by the identity of its elements: the pool holds one object
   * per value, so two such lists are equal exactly when their elements are the same objects. Far
   * cheaper than the lists' own equals and hashCode, which would walk every operation's fields
   * (a 10,000-operation rank, looked up once per rank).
   */
  private static final class Same {
    private final Object[] items;
    private final int hash;

    Same(List<?> items) {
      this.items = items.toArray();
      int h = 1;
      for (Object o : this.items) {
        h = 31 * h + System.identityHashCode(o);
      }
      this.hash = Mixed.mix(h);
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Same s) || s.hash != hash || s.items.length != items.length) {
        return false;
      }
      for (int i = 0; i < items.length; i++) {
        if (items[i] != s.items[i]) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * A key whose hash is its value's, mixed (MurmurHash3's 32-bit finalizer). Records and lists hash
   * as polynomials in 31, so a trace's operations (ids, dependencies and peers counting up) hash to
   * near-arithmetic sequences whose low bits, which pick a HashMap's bucket, cluster: reading a
   * 384-rank trace of 10,000 nodes spent most of its time in overfull (tree) buckets.
   */
  private record Mixed<T>(T value, int hash) {
    Mixed(T value) {
      this(value, mix(value.hashCode()));
    }

    static int mix(int h) {
      h ^= h >>> 16;
      h *= 0x85ebca6b;
      h ^= h >>> 13;
      h *= 0xc2b2ae35;
      return h ^ (h >>> 16);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Mixed<?> m && hash == m.hash && value.equals(m.value);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** How many distinct operation objects the pool holds: a measure of what ranks share. */
  public int distinctOperations() {
    return operations.size();
  }
}
