package org.supernodesim.workload.inference;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each EP rank's share of a MoE layer's token-to-expert assignments, layer by layer, and what the
 * busiest rank takes of a step that routes a given number of them.
 *
 * <p>The shares are expectations. A step draws a finite sample: with A assignments rank r
 * receives X_r of them, binomial(A, p_r), and the layer waits for its busiest rank, max_r X_r.
 * {@link #busiestShare} is E[max_r X_r] / A averaged over the layers (each layer's busiest rank
 * sets that layer's time), computed in closed form as E[max] = sum over m >= 0 of (1 - prod_r
 * P(X_r <= m)), the binomials in Loader's saddle-point form (C. Loader, "Fast and accurate
 * computation of binomial probabilities", 2000, as R's {@code dbinom}) and by recurrence from
 * there. Two approximations, both stated and tested ({@code RankLoadsTest}):
 *
 * <ul>
 *   <li>the ranks are taken as independent, where the A assignments are one multinomial draw (a
 *       rank's surplus is the others' deficit: a correlation of -p / (1 - p) between equal
 *       shares, -1/71 at 72 ranks): against a seeded Monte Carlo of the multinomial draw over
 *       assignments (a token's k experts drawn independently, not as the top k of distinct
 *       experts, and no correlation between a token's experts) the busiest count agrees within
 *       0.5 % at 72 ranks (0.05-0.3 % measured, about the trials' standard error);
 *   <li>from {@link #EXACT_BELOW} assignments up the share is interpolated between the points of
 *       a grid of {@link #GRID_STEPS} points an octave, so a run of many batch sizes computes a
 *       few dozen maxima, not one per size (each costs layers x ranks x about 16 standard
 *       deviations of binomial steps: 58 measured layers at EP72 take tens of ms at a decode
 *       micro-batch, 200 ms at 130,000 assignments a rank). The busiest share's excess over the
 *       expected share times sqrt(A) is nearly constant (the spread grows as sqrt(A)) and is
 *       interpolated linearly in log A: within 0.005 % of the exact count's share.
 * </ul>
 *
 * Large batches converge to the expected shares (a prefill step's 65,536 assignments a rank sit
 * within 1 % of them); a decode micro-batch does not (1,024 a rank: 1.075x the mean of 72 ranks
 * where the expected shares balance exactly, 1.086x where they balance to 1.026x). With {@link
 * ExpertSampling#NONE} every step takes the expected shares.
 */
public final class RankLoads {
  /** Assignment counts below this are priced at their own count. */
  static final long EXACT_BELOW = 1024;

  /** Grid points an octave above {@link #EXACT_BELOW}. */
  static final int GRID_STEPS = 4;

  /** Standard deviations below a mean from which a binomial's lower tail is under 1e-18. */
  private static final double TAIL_SIGMAS = 9;

  private final double[][] layers;
  private final double[] expected;
  private final ExpertSampling sampling;
  /** The busiest share at each count computed exactly: those below the grid, and its points. */
  private final Map<Long, Double> byCount = new ConcurrentHashMap<>();
  /**
   * Shares already given, by count modulo the table's size (a step asks several times for one
   * count, instances of a group interleave theirs). Each slot holds an immutable record, written
   * whole: a reader sees a count with its own share or another count, which it recomputes.
   */
  private final Memo[] given = new Memo[1 << 12];

  private record Memo(long assignments, double busiestShare) {}

  /**
   * @param layers each distinct layer's per-rank shares (each row summing to 1, every row as long)
   * @param sampling whether steps draw their assignments or take the expected shares
   */
  public RankLoads(double[][] layers, ExpertSampling sampling) {
    if (layers.length == 0 || layers[0].length == 0) {
      throw new IllegalArgumentException("rank loads need at least one layer of one rank");
    }
    this.layers = new double[layers.length][];
    int ranks = layers[0].length;
    double[] sum = new double[ranks];
    for (int l = 0; l < layers.length; l++) {
      if (layers[l].length != ranks) {
        throw new IllegalArgumentException("layer " + l + " has " + layers[l].length
            + " ranks; layer 0 has " + ranks);
      }
      this.layers[l] = layers[l].clone();
      double[] sorted = layers[l].clone();
      Arrays.sort(sorted);
      for (int r = 0; r < ranks; r++) {
        sum[r] += sorted[ranks - 1 - r] / layers.length;
      }
    }
    this.expected = sum;
    this.sampling = sampling;
  }

  /** One layer of {@code ranks} equal shares, as a dense model's one "rank" or a uniform load. */
  public static RankLoads even(int ranks) {
    double[] shares = new double[ranks];
    Arrays.fill(shares, 1.0 / ranks);
    return new RankLoads(new double[][] {shares}, ExpertSampling.BINOMIAL);
  }

  public ExpertSampling sampling() {
    return sampling;
  }

  /** EP ranks the shares spread over. */
  public int ranks() {
    return expected.length;
  }

  /**
   * The expected shares, sorted busiest first and averaged over the layers ({@link
   * ExpertPlacement#rankShares}): what an infinite batch draws.
   */
  public double[] expectedShares() {
    return expected.clone();
  }

  /**
   * Each rank's share of a step of {@code assignments}, busiest first: the busiest rank's {@link
   * #busiestShare}, the others their expected shares scaled to what it leaves (the draw moves
   * assignments to the busiest rank from the rest; their own spread is not modelled, as only the
   * busiest sets a time).
   */
  public double[] shares(double assignments) {
    double busiest = busiestShare(assignments);
    double[] out = expected.clone();
    if (busiest == expected[0]) {
      return out;
    }
    double rest = 1 - expected[0];
    out[0] = busiest;
    for (int r = 1; r < out.length; r++) {
      out[r] = rest > 0 ? expected[r] * (1 - busiest) / rest : 0;
    }
    return out;
  }

  /**
   * The busiest rank's share of a step of {@code assignments} (rounded to a whole count): the
   * mean over the layers of E[max_r X_r] / A; the expected share where sampling is off or the
   * count is 0 (an infinite batch's).
   */
  public double busiestShare(double assignments) {
    long a = Math.round(assignments);
    if (sampling == ExpertSampling.NONE || a <= 0 || expected.length == 1) {
      return expected[0];
    }
    int slot = (int) (a & (given.length - 1));
    Memo memo = given[slot];
    if (memo != null && memo.assignments() == a) {
      return memo.busiestShare();
    }
    double share = a < EXACT_BELOW ? exact(a) : interpolated(a);
    given[slot] = new Memo(a, share);
    return share;
  }

  /** The busiest rank's load over the mean rank's at {@code assignments} (1: even). */
  public double busiestOverMean(double assignments) {
    return busiestShare(assignments) * expected.length;
  }

  /**
   * Between two grid points: the excess over the expected share times sqrt(A), nearly constant
   * (the spread grows as sqrt(A)), interpolated linearly in log A.
   */
  private double interpolated(long a) {
    double t = GRID_STEPS * Math.log((double) a / EXACT_BELOW) / Math.log(2);
    long below = gridPoint((long) Math.floor(t));
    if (below == a) {
      return exact(a);
    }
    long above = gridPoint((long) Math.floor(t) + 1);
    double lower = (exact(below) - expected[0]) * Math.sqrt(below);
    double upper = (exact(above) - expected[0]) * Math.sqrt(above);
    double w = Math.log((double) a / below) / Math.log((double) above / below);
    return expected[0] + (lower + w * (upper - lower)) / Math.sqrt(a);
  }

  /** The j-th grid point: {@link #EXACT_BELOW} x 2^(j / {@link #GRID_STEPS}), rounded. */
  static long gridPoint(long j) {
    return Math.round(EXACT_BELOW * Math.pow(2, j / (double) GRID_STEPS));
  }

  /** The mean over the layers of E[max_r X_r] / A at this very count. */
  double exact(long a) {
    return byCount.computeIfAbsent(a, count -> {
      double busiest = 0;
      for (double[] layer : layers) {
        busiest += expectedMaximum(count, layer) / count / layers.length;
      }
      return busiest;
    });
  }

  /**
   * E[max_r X_r] for independent X_r ~ binomial(n, p_r): the sum over m of P(max > m) = 1 -
   * prod_r P(X_r <= m). Ranks of equal share are taken together (their CDF to the power of their
   * count). Below the busiest mean less {@link #TAIL_SIGMAS} deviations every term is 1 to 1e-18;
   * from there each rank's probability of m steps up by the ratio of consecutive binomial terms,
   * (n - m + 1) / m x p / (1 - p), the first factor shared by every rank, from where the rank's
   * own lower tail is under 1e-18 (its CDF taken as 0 below it).
   */
  static double expectedMaximum(long n, double[] shares) {
    double[] sorted = shares.clone();
    Arrays.sort(sorted);
    int g = 0;
    double[] p = new double[sorted.length];
    int[] count = new int[sorted.length];
    for (int i = sorted.length - 1; i >= 0 && sorted[i] > 0; i--) {
      if (g > 0 && sorted[i] == p[g - 1]) {
        count[g - 1]++;
      } else {
        p[g] = sorted[i];
        count[g++] = 1;
      }
    }
    if (p[0] >= 1) {
      return n;
    }
    Tails tails = new Tails(n, Arrays.copyOf(p, g));
    long[] from = tails.from;
    double[] pmf = tails.pmf;
    double[] cdf = tails.cdf;
    double top = n * p[0];
    long start = from[0];
    // A rank of smaller share whose tail starts lower is walked up to the start on its own.
    for (int i = 1; i < g; i++) {
      for (long m = from[i]; m < start; m++) {
        tails.step(i, m, m == 0 ? 0 : (n - m + 1) / (double) m);
      }
    }
    double sum = start;
    for (long m = start; m < n; m++) {
      double ratio = m == 0 ? 0 : (n - m + 1) / (double) m;
      double all = 1;
      boolean negligible = m >= top;
      for (int i = 0; i < g; i++) {
        tails.step(i, m, ratio);
        double f = Math.min(1, cdf[i]);
        all *= count[i] == 1 ? f : Math.pow(f, count[i]);
        negligible &= count[i] * pmf[i] < 1e-14;
      }
      sum += Math.max(0, 1 - all);
      // Past every mean, once each rank's probability of m is under 1e-14 the terms left fall
      // geometrically from below that, adding under 1e-9 assignments: stop (the CDFs' rounding
      // keeps 1 - all from reaching 0).
      if (negligible) {
        break;
      }
    }
    return sum;
  }

  /**
   * The binomial(n, p_i) probabilities and CDFs of each group of ranks of equal share p_i, walked
   * up one count at a time from where group i's lower tail becomes non-negligible ({@code from}).
   */
  private static final class Tails {
    private final long n;
    private final double[] p;
    private final long[] from;
    private final double[] odds;
    private final double[] pmf;
    private final double[] cdf;

    Tails(long n, double[] p) {
      this.n = n;
      this.p = p;
      from = new long[p.length];
      odds = new double[p.length];
      pmf = new double[p.length];
      cdf = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        double mean = n * p[i];
        from[i] = Math.max(0,
            (long) Math.floor(mean - TAIL_SIGMAS * Math.sqrt(mean * (1 - p[i]))));
        odds[i] = p[i] / (1 - p[i]);
      }
    }

    /** Group i's probability and CDF at m, from those at m - 1 ({@code ratio}: (n-m+1)/m). */
    void step(int i, long m, double ratio) {
      if (m == from[i]) {
        pmf[i] = Math.exp(logPmf(n, m, p[i]));
        cdf[i] = pmf[i];
      } else if (m > from[i]) {
        pmf[i] *= ratio * odds[i];
        cdf[i] += pmf[i];
      }
    }
  }

  /** log P(X = x), X ~ binomial(n, p), 0 < p < 1, in Loader's saddle-point form. */
  static double logPmf(long n, long x, double p) {
    double q = 1 - p;
    if (x == 0) {
      return n * Math.log1p(-p);
    }
    if (x == n) {
      return n * Math.log(p);
    }
    double lc = stirlingError(n) - stirlingError(x) - stirlingError(n - x)
        - deviance(x, n * p) - deviance(n - x, n * q);
    return lc + 0.5 * Math.log(n / (2 * Math.PI * x * (double) (n - x)));
  }

  /** log(n!) - log(sqrt(2 pi n) (n / e)^n). */
  static double stirlingError(long n) {
    if (n <= 15) {
      double logFactorial = 0;
      for (int i = 2; i <= n; i++) {
        logFactorial += Math.log(i);
      }
      return logFactorial - (n + 0.5) * Math.log(n) + n - 0.5 * Math.log(2 * Math.PI);
    }
    double nn = (double) n * n;
    return (1.0 / 12 - (1.0 / 360 - (1.0 / 1260 - (1.0 / 1680 - 1.0 / 1188 / nn) / nn) / nn)
        / nn) / n;
  }

  /** x log(x / mean) + mean - x, without cancellation near x = mean. */
  static double deviance(double x, double mean) {
    if (Math.abs(x - mean) < 0.1 * (x + mean)) {
      double v = (x - mean) / (x + mean);
      double s = (x - mean) * v;
      double ej = 2 * x * v;
      for (int j = 1; j < 1000; j++) {
        ej *= v * v;
        double s1 = s + ej / (2 * j + 1);
        if (s1 == s) {
          return s1;
        }
        s = s1;
      }
      return s;
    }
    return x * Math.log(x / mean) + mean - x;
  }
}
