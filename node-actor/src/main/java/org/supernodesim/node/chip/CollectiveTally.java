package org.supernodesim.node.chip;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.supernodesim.interconnect.collective.Collectives;
import org.supernodesim.results.CollectiveTimings;
import org.supernodesim.results.NetworkResult;
import org.supernodesim.workload.graph.Operation;

/**
 * Each collective's span over all its members, folded as the chips finish it and timed as soon as
 * its last member has: from the last member starting to the last finishing, as {@link
 * ChipCluster#collectiveResults} computes from every chip's spans after the run, then recorded
 * straight into the timings of its kind (kind, algorithm, group size, bytes). What it holds is one
 * entry per collective in flight and one histogram per kind, not one span per chip and collective
 * (9,216 chips of 4,000 collectives: 37 million spans, 9 million collectives of small groups).
 * Timings list in the order of each kind's first collective by {@link ChipCluster#key}, the order
 * the results list would give them; a histogram is the same whatever the order of its values.
 */
final class CollectiveTally {
  /** One collective's span so far. */
  private static final class Entry {
    Operation.Collective operation;
    List<Integer> group;
    int rank = Integer.MAX_VALUE;
    int members;
    long startedAtPicos = Long.MIN_VALUE;
    long finishedAtPicos = Long.MIN_VALUE;
  }

  private final Collectives collectives;
  // Chips of a parallel runtime add from several threads; each entry is folded under its own
  // lock, and the fold (maxima, least rank) is the same in any order.
  private final ConcurrentHashMap<Long, Entry> inFlight = new ConcurrentHashMap<>();
  private final CollectiveTimings timings = new CollectiveTimings(); // under this

  CollectiveTally(Collectives collectives) {
    this.collectives = collectives;
  }

  /**
   * Chip {@code rank} ran {@code operation} over {@code group} from {@code startedAtPicos} to
   * {@code nowPicos}.
   */
  void add(int rank, Operation.Collective operation, List<Integer> group, long startedAtPicos,
      long nowPicos) {
    long key = ChipCluster.key(operation, group);
    Entry e = inFlight.computeIfAbsent(key, k -> new Entry());
    boolean last;
    synchronized (e) {
      if (rank < e.rank) {
        e.rank = rank;
        e.operation = operation;
        e.group = group;
      }
      e.startedAtPicos = Math.max(e.startedAtPicos, startedAtPicos);
      e.finishedAtPicos = Math.max(e.finishedAtPicos, nowPicos);
      last = ++e.members == group.size();
    }
    if (last) {
      inFlight.remove(key);
      record(key, e);
    }
  }

  private void record(long key, Entry e) {
    Operation.Collective op = e.operation;
    String algorithm =
        collectives.resolve(op.kind(), op.algorithm(), e.group, op.bytes()).name();
    synchronized (this) {
      timings.record(op.kind().label(), algorithm, e.group.size(), op.bytes(),
          e.finishedAtPicos - e.startedAtPicos, key);
    }
  }

  /** How many collectives ran (once the run is over). */
  synchronized long count() {
    return timings.count();
  }

  /** The collectives still waiting for members: none once every chip has finished. */
  int inFlight() {
    return inFlight.size();
  }

  /** The timings of each kind, in the order of each kind's first collective. */
  synchronized List<NetworkResult.CollectiveTiming> timings() {
    return timings.timings();
  }
}
