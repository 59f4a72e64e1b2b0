package org.supernodesim.scenario.file;

import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * A lower bound on the heap a run needs, checked before anything is built for its chips, so a
 * scenario too large for this JVM is refused in seconds, with the figure, rather than dying of an
 * {@link OutOfMemoryError} minutes later.
 *
 * <p>Two things grow with a scenario: each chip's share of the topology and of its process (at
 * least {@value #BYTES_PER_CHIP} bytes: its vertex and links, its process's queues, graph and logs;
 * 1.9 KB measured on 4,096 and 65,536 chips, once assembled and before any route is cached), and
 * the steps of a running collective: a member computes each step when it reaches it, but counts the
 * arrivals of all its steps from the collective's start ({@value #BYTES_PER_STEP} bytes a step).
 * Collectives run one after another, so the largest counts; each member holds an operation of every
 * one of them ({@value #BYTES_PER_OPERATION} bytes: the record, its name, its dependency). Steps
 * per member are counted where the algorithm fixes them: a ring all-reduce takes 2(n-1), a ring
 * all-gather or reduce-scatter and a direct all-to-all n-1; an algorithm {@code auto} may choose,
 * and every other one, counts as 1, so the bound stays a bound whichever runs. Routes a run caches
 * come on top and are not counted: the estimate never refuses a run that would fit.
 *
 * <p>Worked example: 1,000,000 chips in a ring all-reduce hold 1,999,998 steps each, 4 B a step:
 * 7.3 TiB, refused at once; 2,048 chips need 2 MiB + 2,048 x 4,094 x 4 B = 34 MiB.
 */
final class MemoryEstimate {
  static final long BYTES_PER_CHIP = 1024;
  static final long BYTES_PER_STEP = 4;
  static final long BYTES_PER_OPERATION = 64;

  private final int chips;
  private final double bytes;
  private final String largest;

  private MemoryEstimate(int chips, double bytes, String largest) {
    this.chips = chips;
    this.bytes = bytes;
    this.largest = largest;
  }

  /**
   * What a collective asks of the heap, known before its group is built.
   *
   * @param members the group's size
   */
  record Collective(CollectiveKind kind, AlgorithmChoice algorithm, long members, int repeat) {}

  /** The estimate for {@code chips} chips running {@code collectives} (none: another kind). */
  static MemoryEstimate of(int chips, List<Collective> collectives) {
    double steps = 0;
    double operations = 0;
    String largest = "";
    for (int i = 0; i < collectives.size(); i++) {
      Collective e = collectives.get(i);
      operations += (double) e.repeat() * e.members();
      long perMember = stepsPerMember(e.kind(), e.algorithm(), e.members());
      double total = (double) perMember * e.members();
      if (total > steps) {
        steps = total;
        largest =
            String.format(
                Locale.ROOT,
                "; workload.collectives[%d]: each of its %d members"
                    + " holds %d steps at once, %d B each",
                i,
                e.members(),
                perMember,
                BYTES_PER_STEP);
      }
    }
    return new MemoryEstimate(
        chips,
        (double) chips * BYTES_PER_CHIP + operations * BYTES_PER_OPERATION + steps * BYTES_PER_STEP,
        largest);
  }

  /** At least this many steps a member holds while the collective runs. */
  static long stepsPerMember(CollectiveKind kind, AlgorithmChoice algorithm, long members) {
    long n = members;
    boolean ring =
        algorithm == AlgorithmChoice.RING
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
   * to give Java more when the machine (whose memory {@code machine} gives, asked only then) has it.
   */
  void check(long heapBytes, LongSupplier machine) {
    if (bytes <= heapBytes) {
      return;
    }
    long machineBytes = machine.getAsLong();
    String advice =
        bytes < 0.9 * machineBytes
            ? String.format(
                Locale.ROOT,
                "give Java more heap with SUPERNODE_SIM_JAVA_OPTS=-Xmx%dg, or"
                    + " simulate fewer chips",
                (long) Math.ceil(bytes * 1.25 / (1L << 30)))
            : "more than this machine's "
                + size(machineBytes)
                + ": simulate fewer chips, or run on a"
                + " larger machine with SUPERNODE_SIM_JAVA_OPTS=-Xmx<size>";
    throw new InvalidInput(
        "cluster.chips",
        String.format(
            Locale.ROOT,
            "%d chips need at least %s of heap (%s per chip%s); this JVM may use %s: %s",
            chips,
            size(bytes),
            size(BYTES_PER_CHIP),
            largest,
            size(heapBytes),
            advice));
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
