package org.supernodesim.interconnect.collective;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * Recursive halving-doubling all-reduce (Rabenseifner; Thakur, Rabenseifner and Gropp,
 * "Optimization of collective communication operations in MPICH", IJHPCA 19, 2005): a
 * reduce-scatter by recursive halving (at step i, partners 2^(k-1-i) apart swap half of what
 * they still hold) and an all-gather by recursive doubling, 2 log2(p) steps instead of the
 * ring's 2(p-1). On p = 2^k members with links (B, alpha): T = 2(p-1)/p S/B + 2k alpha.
 *
 * <p>Other group sizes n = p + r (p the largest power of two below n): first each of the
 * first r even members hands its whole buffer to the odd member after it, which adds it and
 * stands for both; the p remaining members run the algorithm; last each stand-in hands the
 * result back. That costs 2 (S/B + alpha) more, and the idle members' middle steps are empty.
 */
public final class HalvingDoubling implements CollectiveAlgorithm {

  @Override
  public String name() {
    return "halving-doubling";
  }

  @Override
  public boolean supports(CollectiveKind kind) {
    return kind == CollectiveKind.ALL_REDUCE;
  }

  /** The largest power of two not above {@code n}. */
  static int powerOfTwo(int n) {
    return Integer.highestOneBit(n);
  }

  @Override
  public List<Step> schedule(CollectiveKind kind, CollectiveGroup group, int member, long bytes) {
    if (!supports(kind)) {
      throw new IllegalArgumentException("halving-doubling does not implement " + kind.label());
    }
    int n = group.size();
    int p = powerOfTwo(n);
    int r = n - p;
    int k = Integer.numberOfTrailingZeros(p);
    // Member m's place among the p: the odd one of each of the first r pairs, then the rest.
    boolean idle = member < 2 * r && member % 2 == 0;
    int v = member < 2 * r ? member / 2 : member - r;
    List<Step> steps = new ArrayList<>(2 * k + 2);
    Step none = new Step(List.of(), List.of());
    if (r > 0) {
      if (idle) {
        steps.add(new Step(List.of(new Step.Transfer(member + 1, bytes)), List.of()));
      } else if (member < 2 * r) {
        steps.add(new Step(List.of(), List.of(new Step.Transfer(member - 1, bytes))));
      } else {
        steps.add(none);
      }
    }
    // Blocks are the p chunks of the buffer; v holds blocks [low, low + count).
    int low = 0;
    int count = p;
    for (int i = 0; i < k; i++) {
      int d = p >> (i + 1);
      if (idle) {
        steps.add(none);
        continue;
      }
      int partner = toMember(v ^ d, r);
      int half = count / 2;
      boolean keepLower = (v & d) == 0;
      int sendLow = keepLower ? low + half : low;
      int keepLow = keepLower ? low : low + half;
      long sent = blocks(bytes, p, sendLow, half);
      long received = blocks(bytes, p, keepLow, half);
      steps.add(step(partner, sent, received));
      low = keepLow;
      count = half;
    }
    for (int i = 0; i < k; i++) {
      int d = 1 << i;
      if (idle) {
        steps.add(none);
        continue;
      }
      int partner = toMember(v ^ d, r);
      // The partner holds the block range of the same size next to ours.
      int partnerLow = (v & d) == 0 ? low + count : low - count;
      long sent = blocks(bytes, p, low, count);
      long received = blocks(bytes, p, partnerLow, count);
      steps.add(step(partner, sent, received));
      low = Math.min(low, partnerLow);
      count *= 2;
    }
    if (r > 0) {
      if (idle) {
        steps.add(new Step(List.of(), List.of(new Step.Transfer(member + 1, bytes))));
      } else if (member < 2 * r) {
        steps.add(new Step(List.of(new Step.Transfer(member - 1, bytes)), List.of()));
      } else {
        steps.add(none);
      }
    }
    return steps;
  }

  private static Step step(int partner, long sent, long received) {
    return new Step(
        List.of(new Step.Transfer(partner, sent)), List.of(new Step.Transfer(partner, received)));
  }

  /** The group member standing for place v among the p. */
  private static int toMember(int v, int r) {
    return v < r ? 2 * v + 1 : v + r;
  }

  /** Bytes of blocks [first, first + count) of {@code bytes} cut into p blocks. */
  private static long blocks(long bytes, int p, int first, int count) {
    long total = 0;
    for (int b = first; b < first + count; b++) {
      total += Ring.chunk(bytes, p, b);
    }
    return total;
  }

  @Override
  public long estimatePicos(
      CollectiveKind kind, CollectiveGroup group, long bytes, PairCosts costs) {
    int n = group.size();
    int p = powerOfTwo(n);
    int r = n - p;
    int k = Integer.numberOfTrailingZeros(p);
    long total = 0;
    if (r > 0) {
      long fold = 0;
      for (int j = 0; j < r; j++) {
        fold = Math.max(fold, costs.transferPicos(2 * j, 2 * j + 1, bytes));
      }
      total += 2 * fold;
    }
    for (int i = 0; i < k; i++) {
      int d = p >> (i + 1);
      long rs = 0;
      long ag = 0;
      long rsBytes = Ring.largestChunk(bytes, p) * (p >> (i + 1));
      long agBytes = Ring.largestChunk(bytes, p) * d;
      for (int v = 0; v < p; v++) {
        int a = toMember(v, r);
        int b = toMember(v ^ d, r);
        rs = Math.max(rs, costs.transferPicos(a, b, rsBytes));
        ag = Math.max(ag, costs.transferPicos(a, b, agBytes));
      }
      total += rs + ag;
    }
    return total;
  }
}
