package org.supernodesim.node.chip;

import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.supernodesim.workload.graph.Operation;

/**
 * Each collective's span over all its members, folded as the chips finish it: from the last
 * member starting to the last finishing, by {@link ChipCluster#key collective id and group}. What {@link ChipCluster} otherwise
 * computes from every chip's list of {@link ChipProcess.CollectiveSpan}s after the run, here in
 * memory of one entry per collective id instead of one span per chip and collective (9,216 chips
 * of 4,000 collectives: 37 million spans). The operation kept for an id is its lowest rank's, the
 * one the span lists name first, so the results are the same.
 */
final class CollectiveTally {
  /** One collective id's span so far. */
  static final class Entry {
    Operation.Collective operation;
    List<Integer> group;
    int rank = Integer.MAX_VALUE;
    long startedAtPicos = Long.MIN_VALUE;
    long finishedAtPicos = Long.MIN_VALUE;
  }

  // Chips of a parallel runtime add from several threads; each entry is folded under its own
  // lock, and the fold (maxima, least rank) is the same in any order. Ordered once, in byId.
  private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();

  /**
   * Chip {@code rank} ran {@code operation} over {@code group} from {@code startedAtPicos} to
   * {@code nowPicos}.
   */
  void add(int rank, Operation.Collective operation, List<Integer> group, long startedAtPicos,
      long nowPicos) {
    Entry e = entries.computeIfAbsent(ChipCluster.key(operation, group), k -> new Entry());
    synchronized (e) {
      if (rank < e.rank) {
        e.rank = rank;
        e.operation = operation;
        e.group = group;
      }
      e.startedAtPicos = Math.max(e.startedAtPicos, startedAtPicos);
      e.finishedAtPicos = Math.max(e.finishedAtPicos, nowPicos);
    }
  }

  /** The entries by key, ascending (once the run is over). */
  TreeMap<Long, Entry> byKey() {
    return new TreeMap<>(entries);
  }
}
