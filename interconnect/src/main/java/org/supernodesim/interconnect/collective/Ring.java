package org.supernodesim.interconnect.collective;

import java.util.AbstractList;
import java.util.List;
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

  @Override
  public List<Step> schedule(CollectiveKind kind, int groupSize, int rankIndex, long bytes) {
    if (!supports(kind)) {
      throw new IllegalArgumentException("ring does not implement " + kind.label());
    }
    int n = groupSize;
    if (n < 2) {
      return List.of();
    }
    int next = (rankIndex + 1) % n;
    int previous = (rankIndex + n - 1) % n;
    int reduceScatterSteps = kind == CollectiveKind.ALL_GATHER ? 0 : n - 1;
    int allGatherSteps = kind == CollectiveKind.REDUCE_SCATTER ? 0 : n - 1;
    // All-gather alone sends each member's own chunk first; after a reduce-scatter, member r
    // holds the reduced chunk r+1.
    int allGatherOffset = kind == CollectiveKind.ALL_GATHER ? 0 : 1;
    // Steps are computed when asked for: a 384-member ring has 766 per member, and a chip needs
    // only the one it is on.
    return new AbstractList<>() {
      @Override
      public Step get(int k) {
        if (k < 0 || k >= size()) {
          throw new IndexOutOfBoundsException(k);
        }
        // Reduce-scatter phase: at step k member r sends chunk r-k and receives chunk r-1-k.
        // All-gather phase: at step k member r sends chunk r+offset-k.
        int first =
            k < reduceScatterSteps
                ? rankIndex - k
                : rankIndex + allGatherOffset - (k - reduceScatterSteps);
        return step(next, chunk(bytes, n, first), previous, chunk(bytes, n, first - 1));
      }

      @Override
      public int size() {
        return reduceScatterSteps + allGatherSteps;
      }
    };
  }

  private static Step step(int to, long sendBytes, int from, long receiveBytes) {
    return new Step(
        List.of(new Step.Transfer(to, sendBytes)), List.of(new Step.Transfer(from, receiveBytes)));
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
