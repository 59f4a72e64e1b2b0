package org.supernodesim.workload.training;

import java.util.Arrays;
import java.util.List;

/**
 * How the tokens of a MoE layer spread over its expert-parallel ranks: each rank's load over the
 * mean, which sets the bytes its dispatch receives and its combine sends back. The busiest rank's
 * load is {@link TrainingJob#expertLoad()}; its expert GEMMs and activations are what every rank
 * of a stage is charged (the stage's ranks share one graph).
 */
public sealed interface ExpertLoads {

  /**
   * Every rank carries the same tokens: expertLoad = 1, or a capacity factor, which pads every
   * expert's buffer to that multiple of the mean (GShard), so every rank sends and receives it.
   */
  record Even() implements ExpertLoads {}

  /**
   * A measured imbalance, drawn per layer from {@code seed}: one rank (drawn) carries exactly
   * expertLoad times the mean; the others share the rest of the layer's tokens in proportions
   * drawn uniformly from [0.5, 1.5), none above the busiest (water-filled). The mean is 1.
   */
  record Drawn(long seed) implements ExpertLoads {}

  /**
   * A given load per routed expert (relative: any positive scale), the same in every MoE layer;
   * rank e holds experts e·E/ep .. (e+1)·E/ep - 1 and carries their sum over the mean rank's.
   */
  record PerExpert(List<Double> loads) implements ExpertLoads {
    public PerExpert {
      loads = List.copyOf(loads);
      for (double l : loads) {
        if (!(l >= 0) || Double.isInfinite(l)) {
          throw new IllegalArgumentException("an expert's load must be finite and >= 0: " + l);
        }
      }
      if (loads.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
        throw new IllegalArgumentException("the experts' loads sum to 0: no token is routed");
      }
    }

    /** Each of {@code ep} ranks' load over the mean. */
    double[] rankLoads(int ep) {
      int experts = loads.size();
      double total = loads.stream().mapToDouble(Double::doubleValue).sum();
      double[] out = new double[ep];
      for (int e = 0; e < experts; e++) {
        out[(int) ((long) e * ep / experts)] += loads.get(e) * ep / total;
      }
      return out;
    }

    /** The busiest of {@code ep} ranks' load over the mean. */
    public double busiest(int ep) {
      return Arrays.stream(rankLoads(ep)).max().orElse(1);
    }
  }

  /**
   * Each of {@code ep} ranks' load over the mean in MoE layer {@code layer} (an index over the
   * model's layers, then its MTP modules), the busiest {@code busiest}; empty for {@link Even},
   * whose ranks all carry {@code busiest}.
   */
  default double[] rankLoads(int layer, int ep, double busiest) {
    if (this instanceof PerExpert p) {
      return p.rankLoads(ep);
    }
    if (!(this instanceof Drawn d) || ep == 1 || busiest == 1) {
      return new double[0];
    }
    double[] weights = new double[ep];
    for (int e = 0; e < ep; e++) {
      weights[e] = 0.5 + uniform(d.seed(), layer, e);
    }
    int top = (int) Math.floor(uniform(d.seed(), layer, -1) * ep);
    double[] loads = new double[ep];
    boolean[] fixed = new boolean[ep];
    loads[top] = busiest;
    fixed[top] = true;
    double left = ep - busiest; // the mean is 1: the ranks carry ep in all
    // Water-filling: share what is left by weight; a rank above the busiest is held at it and
    // the rest shared again among the others (at most ep rounds).
    while (true) {
      double weight = 0;
      for (int e = 0; e < ep; e++) {
        weight += fixed[e] ? 0 : weights[e];
      }
      boolean capped = false;
      for (int e = 0; e < ep; e++) {
        if (!fixed[e] && left * weights[e] / weight > busiest) {
          loads[e] = busiest;
          fixed[e] = true;
          left -= busiest;
          capped = true;
        }
      }
      if (!capped) {
        for (int e = 0; e < ep; e++) {
          if (!fixed[e]) {
            loads[e] = left * weights[e] / weight;
          }
        }
        return loads;
      }
    }
  }

  /** A uniform draw in [0, 1) from (seed, layer, rank): SplitMix64, the same on every JVM. */
  private static double uniform(long seed, int layer, int rank) {
    long z = mix(mix(seed) + layer);
    z = mix(z + rank);
    return (z >>> 11) * 0x1.0p-53;
  }

  /** SplitMix64's finaliser (Steele, Lea and Flood, OOPSLA 2014). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
