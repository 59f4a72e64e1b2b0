package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * How a MoE layer's routed experts are loaded and placed on the EP ranks, which decides how many
 * tokens the busiest rank computes (it sets the layer's time) and receives.
 *
 * <p>Load: {@link Load#uniform()} (every expert the same share), a measured per-expert share list,
 * or a seeded Zipf skew (share of the i-th hottest expert proportional to 1 / i^s, the hot experts
 * drawn afresh per layer from the seed).
 *
 * <p>Placement: without balancing, expert e sits on rank e x ep / E (contiguous, as SGLang and
 * vLLM place them). With EPLB (github.com/deepseek-ai/EPLB, {@code eplb.py}: replicate, then
 * balanced packing): the {@code redundantExperts} extra slots go one at a time to the expert with
 * the most load per replica, its tokens split evenly over its replicas, and the (E + r) replicas
 * are packed heaviest first onto the least-loaded rank with a free slot, (E + r) / ep slots each.
 *
 * @param load per-expert token shares
 * @param redundantExperts extra expert replicas per layer (EPLB only)
 * @param balanced EPLB placement; else contiguous
 */
public record ExpertPlacement(Load load, int redundantExperts, boolean balanced) {
  public ExpertPlacement {
    if (redundantExperts < 0 || (redundantExperts > 0 && !balanced)) {
      throw new IllegalArgumentException(
          "redundant experts (" + redundantExperts + ") need EPLB's balanced placement");
    }
  }

  /** Uniform load, contiguous placement. */
  public static ExpertPlacement uniform() {
    return new ExpertPlacement(Load.uniform(), 0, false);
  }

  /** Expert slots one EP rank holds per layer: (E + r) / ep, possibly fractional. */
  public double slotsPerRank(int experts, int ep) {
    return (experts + redundantExperts) / (double) ep;
  }

  /**
   * Each EP rank's share of a layer's token-to-expert assignments, sorted busiest first and
   * averaged over {@code layers} layers (each layer's busiest rank sets that layer's time, so the
   * mean of the per-layer maxima is what a step pays).
   */
  public double[] rankShares(int experts, int ep, int layers, long seed) {
    if (balanced && (experts + redundantExperts) % ep != 0) {
      throw new IllegalArgumentException(
          "EPLB needs the " + experts + " experts and " + redundantExperts + " redundant ones to"
              + " fill " + ep + " ranks evenly");
    }
    Random random = new Random(seed);
    double[] sum = new double[ep];
    int distinct = load.varies() ? layers : 1;
    for (int layer = 0; layer < distinct; layer++) {
      double[] shares = load.shares(experts, random);
      double[] ranks = balanced ? balance(shares, ep) : contiguous(shares, ep);
      Arrays.sort(ranks);
      for (int r = 0; r < ep; r++) {
        sum[r] += ranks[ep - 1 - r] / distinct;
      }
    }
    return sum;
  }

  private static double[] contiguous(double[] shares, int ep) {
    double[] ranks = new double[ep];
    for (int e = 0; e < shares.length; e++) {
      ranks[(int) ((long) e * ep / shares.length)] += shares[e];
    }
    return ranks;
  }

  private double[] balance(double[] shares, int ep) {
    int[] replicas = new int[shares.length];
    Arrays.fill(replicas, 1);
    for (int i = 0; i < redundantExperts; i++) {
      int hottest = 0;
      for (int e = 1; e < shares.length; e++) {
        if (shares[e] / replicas[e] > shares[hottest] / replicas[hottest]) {
          hottest = e;
        }
      }
      replicas[hottest]++;
    }
    List<Double> slots = new ArrayList<>();
    for (int e = 0; e < shares.length; e++) {
      for (int i = 0; i < replicas[e]; i++) {
        slots.add(shares[e] / replicas[e]);
      }
    }
    slots.sort((a, b) -> Double.compare(b, a));
    int capacity = slots.size() / ep;
    double[] ranks = new double[ep];
    int[] used = new int[ep];
    for (double slot : slots) {
      int best = -1;
      for (int r = 0; r < ep; r++) {
        if (used[r] < capacity && (best < 0 || ranks[r] < ranks[best])) {
          best = r;
        }
      }
      ranks[best] += slot;
      used[best]++;
    }
    return ranks;
  }

  /** Per-expert shares of a layer's assignments. */
  public sealed interface Load permits Uniform, Measured, Zipf {
    /** The shares, summing to 1, in expert order. */
    double[] shares(int experts, Random random);

    /** Whether layers differ (drawn per layer). */
    boolean varies();

    static Load uniform() {
      return new Uniform();
    }
  }

  /** Every expert the same share. */
  public record Uniform() implements Load {
    @Override
    public double[] shares(int experts, Random random) {
      double[] s = new double[experts];
      Arrays.fill(s, 1.0 / experts);
      return s;
    }

    @Override
    public boolean varies() {
      return false;
    }
  }

  /**
   * A measured distribution: one weight per expert (any scale), the same in every layer.
   *
   * @param weights per expert, in expert order
   * @param source where it was measured
   */
  public record Measured(List<Double> weights, String source) implements Load {
    public Measured {
      weights = List.copyOf(weights);
      if (weights.isEmpty() || weights.stream().anyMatch(w -> !(w >= 0))
          || weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
        throw new IllegalArgumentException("expert weights must be >= 0 and not all 0");
      }
    }

    @Override
    public double[] shares(int experts, Random random) {
      if (weights.size() != experts) {
        throw new IllegalArgumentException(
            "the measured load has " + weights.size() + " experts; the model has " + experts);
      }
      double total = weights.stream().mapToDouble(Double::doubleValue).sum();
      return weights.stream().mapToDouble(w -> w / total).toArray();
    }

    @Override
    public boolean varies() {
      return false;
    }
  }

  /**
   * A seeded skew: the i-th hottest expert's share is proportional to 1 / i^exponent, and which
   * expert is i-th is a fresh random permutation per layer.
   *
   * @param exponent s >= 0 (0: uniform)
   */
  public record Zipf(double exponent) implements Load {
    public Zipf {
      if (!(exponent >= 0)) {
        throw new IllegalArgumentException("the skew exponent must be >= 0: " + exponent);
      }
    }

    @Override
    public double[] shares(int experts, Random random) {
      double[] s = new double[experts];
      double total = 0;
      for (int i = 0; i < experts; i++) {
        s[i] = Math.pow(i + 1, -exponent);
        total += s[i];
      }
      for (int i = experts - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        double t = s[i];
        s[i] = s[j];
        s[j] = t;
      }
      for (int i = 0; i < experts; i++) {
        s[i] /= total;
      }
      return s;
    }

    @Override
    public boolean varies() {
      return true;
    }
  }
}
