package org.supernodesim.interconnect.collective;

import java.util.AbstractList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * The ring: member r sends to r+1 and receives from r-1. The buffer is cut into n chunks; a
 * reduce-scatter passes each chunk n-1 times around the ring, reducing as it goes, and an
 * all-gather passes the reduced chunks n-1 more times (Patarasuk and Yuan, "Bandwidth optimal
 * all-reduce algorithms for clusters of workstations", JPDC 69, 2009). On links of bandwidth B and
 * latency alpha: all-reduce 2(n-1)/n * S/B + 2(n-1) alpha; all-gather and reduce-scatter
 * (n-1)/n * S/B + (n-1) alpha.
 *
 * <p>Chunks are as equal as whole bytes allow (sizes floor((j+1)S/n) - floor(jS/n)), as NCCL cuts
 * a buffer into element ranges; the largest chunk sets the pace.
 */
public final class Ring implements CollectiveAlgorithm {

  @Override
  public String name() {
    return "ring";
  }

  @Override
  public boolean supports(CollectiveKind kind) {
    return kind == CollectiveKind.ALL_REDUCE
        || kind == CollectiveKind.ALL_GATHER
        || kind == CollectiveKind.REDUCE_SCATTER;
  }

  /** The steps of member {@code rankIndex} of a ring of {@code groupSize}. */
  public List<Step> schedule(CollectiveKind kind, int groupSize, int rankIndex, long bytes) {
    return schedule(kind, CollectiveGroup.flat(groupSize), rankIndex, bytes);
  }

  @Override
  public List<Step> schedule(CollectiveKind kind, CollectiveGroup group, int member, long bytes) {
    if (!supports(kind)) {
      throw new IllegalArgumentException("ring does not implement " + kind.label());
    }
    int rs = kind == CollectiveKind.ALL_GATHER ? 0 : group.size() - 1;
    int ag = kind == CollectiveKind.REDUCE_SCATTER ? 0 : group.size() - 1;
    // All-gather alone sends each member's own chunk first; after a reduce-scatter, member r
    // holds the reduced chunk r+1.
    int offset = kind == CollectiveKind.ALL_GATHER ? 0 : 1;
    return steps(group.size(), member, bytes, rs, ag, offset, i -> i);
  }

  @Override
  public long estimatePicos(
      CollectiveKind kind, CollectiveGroup group, long bytes, PairCosts costs) {
    int n = group.size();
    int steps = (kind == CollectiveKind.ALL_REDUCE ? 2 : 1) * (n - 1);
    return steps * slowestStepPicos(n, i -> i, largestChunk(bytes, n), costs);
  }

  /**
   * The ring's steps over {@code n} positions, position p being group member {@code
   * toMember(p)}: {@code rs} reduce-scatter steps then {@code ag} all-gather steps, the
   * all-gather starting from chunk p + {@code offset}. Computed when asked for: a 384-member
   * ring has 766 steps per member, and a chip needs only the one it is on.
   */
  static List<Step> steps(
      int n, int position, long bytes, int rs, int ag, int offset, IntUnaryOperator toMember) {
    if (n < 2) {
      return List.of();
    }
    int next = toMember.applyAsInt((position + 1) % n);
    int previous = toMember.applyAsInt((position + n - 1) % n);
    // A chunk is floor(S/n) or one byte more, so a member's steps are one of four: each is built
    // once, when first asked for, instead of once per step (766 per member at 384 chips). Threads
    // that share the list may race to build one; steps are immutable (final fields only), so
    // either copy is safely seen whole, and they are equal.
    long smallest = Math.floorDiv(bytes, n);
    long remainder = Math.floorMod(bytes, n);
    Step[] kinds = new Step[4];
    return new AbstractList<>() {
      @Override
      public Step get(int k) {
        if (k < 0 || k >= size()) {
          throw new IndexOutOfBoundsException(k);
        }
        // Reduce-scatter: at step k position p sends chunk p-k and receives chunk p-1-k.
        // All-gather: at step k position p sends chunk p+offset-k.
        // The phase is arithmetic, not a branch: the JIT profiles a ring while every chip is
        // still reducing, would compile the gather's side as never taken, and throw the compiled
        // step code away when all chips reach the gather in one window (seen on 384 chips: the
        // optimised code discarded half-way, most of the run back in slower code).
        int gathering = (rs - 1 - k) >>> 31; // 0 before step rs, 1 from it
        int first = position - k + gathering * (offset + rs);
        // As chunk(bytes, n, first) and chunk(bytes, n, first - 1), in two divisions: chunk j is
        // floor(S/n) plus floor(r(j+1)/n) - floor(rj/n), r = S mod n < n, which is 1 exactly
        // when (rj mod n) + r reaches n. A 64-bit division costs tens of cycles; the four this
        // took per step cost about a tenth of a sequential ring event (measured: 17.3 -> 19.2 M
        // events/s, median of 5 alternating sittings).
        int index = Math.floorMod(first, n);
        long atIndex = remainder * index % n;
        long atBefore = atIndex >= remainder ? atIndex - remainder : atIndex - remainder + n;
        int sentExtra = atIndex >= n - remainder ? 1 : 0;
        int receivedExtra = atBefore >= n - remainder ? 1 : 0;
        int kind = 2 * sentExtra + receivedExtra;
        Step step = kinds[kind];
        if (step == null) {
          step = new Step(
              List.of(new Step.Transfer(next, smallest + sentExtra)),
              List.of(new Step.Transfer(previous, smallest + receivedExtra)));
          kinds[kind] = step;
        }
        return step;
      }

      @Override
      public int size() {
        return rs + ag;
      }
    };
  }

  /** The slowest neighbour transfer of a ring of n positions moving {@code chunkBytes}. */
  static long slowestStepPicos(int n, IntUnaryOperator toMember, long chunkBytes, PairCosts c) {
    long slowest = 0;
    for (int p = 0; p < n; p++) {
      int a = toMember.applyAsInt(p);
      int b = toMember.applyAsInt((p + 1) % n);
      slowest = Math.max(slowest, c.transferPicos(a, b, chunkBytes));
    }
    return slowest;
  }

  /** The largest of the n chunks of {@code bytes}: ceil(bytes / n). */
  static long largestChunk(long bytes, int n) {
    return bytes / n + (bytes % n == 0 ? 0 : 1);
  }

  /** The size of chunk {@code j} (taken modulo n) when {@code bytes} are cut into n chunks. */
  static long chunk(long bytes, int n, int j) {
    int index = Math.floorMod(j, n);
    return boundary(bytes, n, index + 1) - boundary(bytes, n, index);
  }

  private static long boundary(long bytes, int n, int j) {
    // floor(j * bytes / n) without overflow for buffers up to 2^63 / n bytes
    return Math.floorDiv(bytes, n) * j + Math.floorMod(bytes, n) * (long) j / n;
  }
}
