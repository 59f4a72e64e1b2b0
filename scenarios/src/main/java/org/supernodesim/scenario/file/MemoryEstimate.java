package org.supernodesim.scenario.file;

import java.util.List;
import java.util.Locale;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.workload.microbench.CollectiveBenchmark;

/**
 * A lower bound on the heap a run needs, checked before anything is built for its chips, so a
 * scenario too large for this JVM is refused in seconds, with the figure, rather than dying of
 * an {@link OutOfMemoryError} minutes later.
 *
 * <p>Two things grow with a scenario: each chip's share of the topology and of its process (at
 * least {@value #BYTES_PER_CHIP} bytes: its vertex and links, the routers' lists, its process's
 * queues and logs), and the steps of a running collective, which each member holds from the
 * collective's start to its end (at least {@value #BYTES_PER_STEP} bytes a step: the step, its
 * send and receive lists and transfers, its arrival counter). Collectives run one after another,
 * so the largest counts. Steps per member are counted where the algorithm fixes them: a ring
 * all-reduce takes 2(n-1), a ring all-gather or reduce-scatter and a direct all-to-all n-1; an
 * algorithm {@code auto} may choose, and every other one, is counted as 1, so the bound stays a
 * bound whichever runs. Both constants are below what the current code allocates (measured on a
 * 1,536-chip ring all-reduce), so the estimate never refuses a run that would fit.
 */
final class MemoryEstimate {
  static final long BYTES_PER_CHIP = 1024;
  static final long BYTES_PER_STEP = 96;

  private final int chips;
  private final double bytes;
  private final String largest;

  private MemoryEstimate(int chips, double bytes, String largest) {
    this.chips = chips;
    this.bytes = bytes;
    this.largest = largest;
  }

  /** The estimate for {@code chips} chips running {@code collectives} (none: another kind). */
  static MemoryEstimate of(int chips, List<CollectiveBenchmark.Entry> collectives) {
    double steps = 0;
    String largest = "";
    for (int i = 0; i < collectives.size(); i++) {
      CollectiveBenchmark.Entry e = collectives.get(i);
      long perMember = stepsPerMember(e.kind(), e.algorithm(), e.groupSize());
      double total = (double) perMember * e.groupSize();
      if (total > steps) {
        steps = total;
        largest = String.format(Locale.ROOT, "; workload.collectives[%d]: each of its %d members"
            + " holds %d %s steps at once", i, e.groupSize(), perMember,
            e.algorithm() == AlgorithmChoice.AUTO ? "" : e.algorithm().label() + " ");
      }
    }
    return new MemoryEstimate(
        chips, (double) chips * BYTES_PER_CHIP + steps * BYTES_PER_STEP, largest);
  }

  /** At least this many steps a member holds while the collective runs. */
  static long stepsPerMember(CollectiveKind kind, AlgorithmChoice algorithm, int members) {
    long n = members;
    boolean ring = algorithm == AlgorithmChoice.RING
        || (algorithm == AlgorithmChoice.AUTO
            && (kind == CollectiveKind.ALL_GATHER || kind == CollectiveKind.REDUCE_SCATTER));
    if (ring) {
      return kind == CollectiveKind.ALL_REDUCE ? 2 * (n - 1) : n - 1;
    }
    if (kind == CollectiveKind.ALL_TO_ALL) {
      return n - 1; // direct, the one all-to-all
    }
    return 1;
  }

  /** The bound in bytes. */
  double bytes() {
    return bytes;
  }

  /**
   * Refuses the run at {@code cluster.chips} when the bound exceeds {@code heapBytes}, saying how
   * to give Java more.
   */
  void check(long heapBytes) {
    if (bytes <= heapBytes) {
      return;
    }
    throw new InvalidInput("cluster.chips", String.format(Locale.ROOT,
        "%d chips need at least %s of heap (%s per chip%s); this JVM may use %s. Simulate fewer"
            + " chips, or give Java more heap, e.g. SUPERNODE_SIM_JAVA_OPTS=-Xmx%dg",
        chips, size(bytes), size(BYTES_PER_CHIP), largest.replace(" steps", " steps of"
            + " " + BYTES_PER_STEP + " B"), size(heapBytes),
        (long) Math.ceil(bytes * 1.25 / (1L << 30))));
  }

  /** Bytes in the largest binary unit that keeps the figure at or above 1. */
  static String size(double bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    while (bytes >= 1024 && u < units.length - 1) {
      bytes /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  }
}
