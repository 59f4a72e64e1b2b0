package org.supernodesim.interconnect.collective;

import java.util.ArrayList;
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
    List<Step> steps = new ArrayList<>(2 * (n - 1));
    if (n < 2) {
      return steps;
    }
    int next = (rankIndex + 1) % n;
    int previous = (rankIndex + n - 1) % n;
    // Reduce-scatter phase: at step k member r sends chunk r-k and receives chunk r-1-k.
    if (kind != CollectiveKind.ALL_GATHER) {
      for (int k = 0; k < n - 1; k++) {
        steps.add(
            step(next, chunk(bytes, n, rankIndex - k), previous, chunk(bytes, n, rankIndex - 1 - k)));
      }
    }
    // All-gather phase: at step k member r sends chunk r+1-k (reduced, or its own when gathering).
    if (kind != CollectiveKind.REDUCE_SCATTER) {
      int offset = kind == CollectiveKind.ALL_GATHER ? 0 : 1;
      for (int k = 0; k < n - 1; k++) {
        steps.add(
            step(
                next,
                chunk(bytes, n, rankIndex + offset - k),
                previous,
                chunk(bytes, n, rankIndex + offset - 1 - k)));
      }
    }
    return steps;
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
