package org.supernodesim.workload.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Puts a rank's nodes, named by the ids a file gave them, in an order where each comes after what
 * it depends on (Kahn's algorithm, ties taken in file order, so the order is a function of the
 * file alone). A dependency on an id the file does not have, an id given twice, and a cycle are
 * errors naming the node.
 */
public final class NodeOrder {

  /** Builds the error for node {@code nodeId}. */
  @FunctionalInterface
  public interface Errors {
    TraceInputException at(long nodeId, String problem);
  }

  private NodeOrder() {}

  /**
   * The positions of the nodes in execution order.
   *
   * @param ids each node's id, in file order
   * @param dependencies for each node (same positions), the ids it waits for
   */
  public static int[] order(long[] ids, long[][] dependencies, Errors errors) {
    int n = ids.length;
    Map<Long, Integer> position = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      if (position.putIfAbsent(ids[i], i) != null) {
        throw errors.at(ids[i], "node id " + ids[i] + " appears twice in the file");
      }
    }
    int[] unmet = new int[n];
    List<List<Integer>> dependents = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      dependents.add(new ArrayList<>(1));
    }
    for (int i = 0; i < n; i++) {
      long[] deps = dependencies[i];
      for (int k = 0; k < deps.length; k++) {
        Integer p = position.get(deps[k]);
        if (p == null) {
          throw errors.at(ids[i], "depends on node " + deps[k] + ", which the file does not have");
        }
        if (p == i) {
          throw errors.at(ids[i], "depends on itself (a cycle)");
        }
        if (!contains(deps, k, deps[k])) { // a dependency listed twice counts once
          unmet[i]++;
          dependents.get(p).add(i);
        }
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < n; i++) {
      if (unmet[i] == 0) {
        ready.add(i);
      }
    }
    int[] order = new int[n];
    int placed = 0;
    while (!ready.isEmpty()) {
      int i = ready.poll();
      order[placed++] = i;
      for (int d : dependents.get(i)) {
        if (--unmet[d] == 0) {
          ready.add(d);
        }
      }
    }
    if (placed < n) {
      throw cycle(ids, dependencies, position, unmet, errors);
    }
    return order;
  }

  private static boolean contains(long[] values, int before, long value) {
    for (int k = 0; k < before; k++) {
      if (values[k] == value) {
        return true;
      }
    }
    return false;
  }

  /** Walks unmet dependencies from the first unplaced node until one repeats: that is a cycle. */
  private static TraceInputException cycle(
      long[] ids, long[][] dependencies, Map<Long, Integer> position, int[] unmet,
      Errors errors) {
    int start = 0;
    while (unmet[start] == 0) {
      start++;
    }
    int[] seenAt = new int[ids.length];
    Arrays.fill(seenAt, -1);
    ArrayDeque<Integer> path = new ArrayDeque<>();
    int at = start;
    while (seenAt[at] < 0) {
      seenAt[at] = path.size();
      path.addLast(at);
      int next = -1;
      for (long d : dependencies[at]) {
        int p = position.get(d);
        if (unmet[p] > 0) {
          next = p;
          break;
        }
      }
      at = next;
    }
    List<Integer> loop = new ArrayList<>(path).subList(seenAt[at], path.size());
    StringBuilder s = new StringBuilder();
    for (int p : loop) {
      s.append(ids[p]).append(" -> ");
    }
    s.append(ids[loop.get(0)]);
    return errors.at(ids[loop.get(0)], "dependency cycle: " + s + " (each waits for the next)");
  }
}
