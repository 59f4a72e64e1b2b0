package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The busiest EP rank of a step's finite draw of assignments ({@link RankLoads}). */
class RankLoadsTest {
  /** {@code ranks} equal shares. */
  static double[] even(int ranks) {
    double[] p = new double[ranks];
    Arrays.fill(p, 1.0 / ranks);
    return p;
  }

  /**
   * Shares that balance as a measured load under EPLB does (busiest 1.026x the mean): rank r's
   * weight 1 + 0.026 sin(r), normalised.
   */
  static double[] nearlyEven(int ranks) {
    double[] p = new double[ranks];
    double total = 0;
    for (int r = 0; r < ranks; r++) {
      p[r] = 1 + 0.026 * Math.sin(r);
      total += p[r];
    }
    for (int r = 0; r < ranks; r++) {
      p[r] /= total;
    }
    return p;
  }

  /**
   * Two even ranks, two assignments, each rank's count binomial(2, 1/2) on its own: P(max <= 0)
   * = (1/4)^2, P(max <= 1) = (3/4)^2, so E[max] = (1 - 1/16) + (1 - 9/16) = 22/16.
   */
  @Test
  void twoEvenRanksOfTwoAssignmentsByHand() {
    assertEquals(22.0 / 16, RankLoads.expectedMaximum(2, even(2)), 1e-12);
  }

  /** E[max] of independent binomials, every outcome enumerated. */
  static double enumerated(int n, double[] p) {
    double[][] pmf = new double[p.length][n + 1];
    for (int r = 0; r < p.length; r++) {
      for (int x = 0; x <= n; x++) {
        double c = 1;
        for (int i = 0; i < x; i++) {
          c = c * (n - i) / (i + 1);
        }
        pmf[r][x] = c * Math.pow(p[r], x) * Math.pow(1 - p[r], n - x);
      }
    }
    return enumerate(pmf, 0, 0, 1);
  }

  private static double enumerate(double[][] pmf, int rank, int max, double probability) {
    if (rank == pmf.length) {
      return max * probability;
    }
    double sum = 0;
    for (int x = 0; x < pmf[rank].length; x++) {
      sum += enumerate(pmf, rank + 1, Math.max(max, x), probability * pmf[rank][x]);
    }
    return sum;
  }

  /** Uneven and even shares at small counts: the closed form equals the enumeration to 1e-12. */
  @Test
  void closedFormEqualsEnumeration() {
    double[][] cases = {{0.5, 0.3, 0.2}, even(3), even(4), {0.7, 0.1, 0.1, 0.1}};
    for (double[] p : cases) {
      for (int n : new int[] {1, 2, 5, 12}) {
        assertEquals(enumerated(n, p), RankLoads.expectedMaximum(n, p), 1e-12,
            Arrays.toString(p) + " n " + n);
      }
    }
  }

  /** The mean over seeded trials of the busiest rank's count of one multinomial draw. */
  static double monteCarloBusiest(long n, double[] p, int trials, long seed) {
    double[] cumulative = new double[p.length];
    double c = 0;
    for (int r = 0; r < p.length; r++) {
      c += p[r];
      cumulative[r] = c;
    }
    SplittableRandom random = new SplittableRandom(seed);
    double sum = 0;
    int[] counts = new int[p.length];
    for (int t = 0; t < trials; t++) {
      Arrays.fill(counts, 0);
      for (long a = 0; a < n; a++) {
        int r = Arrays.binarySearch(cumulative, random.nextDouble() * c);
        counts[Math.min(p.length - 1, r < 0 ? -r - 1 : r)]++;
      }
      sum += Arrays.stream(counts).max().orElseThrow();
    }
    return sum / trials;
  }

  /**
   * Independent ranks against the multinomial draw (each assignment to a rank at its share, a
   * token's k experts drawn independently rather than as k distinct ones): at 72 ranks and a
   * decode micro-batch (73,728 and 9,216 assignments, 1,024 and 128 a rank) the closed form's
   * busiest count lies within 0.5 % of a 400-trial Monte Carlo's mean. Measured: 1,100.7 against
   * 1,101.3 and 155.6 against 156.1 (even), 1,112.0 against 1,113.3 and 156.2 against 156.6
   * (nearly even): 0.05-0.3 % apart, about the trials' standard error (0.1-0.2 %), so the
   * multinomial's slight anticorrelation of the ranks does not show at this resolution.
   */
  @Test
  void closedFormAgainstASeededMonteCarloOfTheMultinomialDraw() {
    for (double[] p : new double[][] {even(72), nearlyEven(72)}) {
      for (long n : new long[] {73_728, 9_216}) {
        double closed = RankLoads.expectedMaximum(n, p);
        double sampled = monteCarloBusiest(n, p, 400, 7);
        assertEquals(sampled, closed, 0.005 * sampled, "n " + n);
      }
    }
  }

  /**
   * The busiest share falls as the draw grows, and converges to the expected share: 72 even
   * ranks are 1.0x at an infinite batch; at a prefill micro-batch of 65,536 assignments a rank
   * the busiest is within 1.2 % of the mean, at a decode micro-batch of 1,024 a rank 1.0748x.
   */
  @Test
  void monotoneInTheDrawAndConvergesToTheExpectedShares() {
    RankLoads loads = new RankLoads(new double[][] {even(72)}, ExpertSampling.BINOMIAL);
    double previous = Double.MAX_VALUE;
    for (long a = 8; a <= 72L * 65_536 * 4; a *= 2) {
      double factor = loads.busiestOverMean(a);
      assertTrue(factor < previous, a + ": " + factor + " after " + previous);
      assertTrue(factor > 1, a + ": " + factor);
      previous = factor;
    }
    assertEquals(1.0, loads.busiestOverMean(72 * 65_536), 0.012);
    assertEquals(1.0748, loads.busiestOverMean(72 * 1_024), 1e-4);
    assertEquals(1.0, loads.busiestOverMean(0), 1e-15, "an infinite batch: the expected share");
  }

  /**
   * From 1,024 assignments up a step's share is interpolated between grid points (4 an octave):
   * within 0.005 % of its own count's closed form (1.3e-5 at most measured), at even shares and
   * at shares balanced to 1.026x (whose excess over the expected share fades as the ranks' means
   * part); below, the closed form itself.
   */
  @Test
  void theGridReadsWithinATwentiethOfAPerMilleOfTheExactCount() {
    for (double[] p : new double[][] {even(72), nearlyEven(72), nearlyEven(32)}) {
      RankLoads loads = new RankLoads(new double[][] {p}, ExpertSampling.BINOMIAL);
      for (long a : new long[] {1_000, 1_023, 1_030, 1_500, 2_222, 3_001, 4_100, 5_000, 10_000,
          36_864, 50_000, 73_728, 300_001, 1_000_003, 2_359_296, 4_718_592}) {
        double exact = RankLoads.expectedMaximum(a, p) / a;
        assertEquals(exact, loads.busiestShare(a), (a < 1024 ? 1e-12 : 5e-5) * exact,
            p.length + " ranks, a " + a);
      }
    }
  }

  /**
   * Several layers: each layer's busiest rank sets that layer, so the step's share is the mean
   * of the layers' expected maxima; the other ranks keep their expected shares, scaled to what
   * the busiest leaves.
   */
  @Test
  void layersAverageTheirMaximaAndTheRestShareWhatIsLeft() {
    double[] a = {0.4, 0.3, 0.2, 0.1};
    double[] b = {0.1, 0.2, 0.3, 0.4};
    RankLoads loads = new RankLoads(new double[][] {a, b}, ExpertSampling.BINOMIAL);
    assertArrayEquals(new double[] {0.4, 0.3, 0.2, 0.1}, loads.expectedShares(), 1e-15);
    double busiest = RankLoads.expectedMaximum(40, a) / 40;
    assertEquals(busiest, loads.busiestShare(40), 1e-15);
    double[] shares = loads.shares(40);
    assertEquals(1, Arrays.stream(shares).sum(), 1e-12);
    assertEquals(0.3 * (1 - busiest) / 0.6, shares[1], 1e-15);
  }

  /** Sampling none: every step takes the expected shares, whatever its size. */
  @Test
  void samplingNoneTakesTheExpectedShares() {
    RankLoads loads = new RankLoads(new double[][] {nearlyEven(72)}, ExpertSampling.NONE);
    double[] expected = loads.expectedShares();
    assertArrayEquals(expected, loads.shares(72), 0);
    assertArrayEquals(expected, loads.shares(73_728), 0);
    assertEquals(expected[0], loads.busiestShare(8), 0, "the expected share, not a draw's");
  }

  /**
   * A count's share is a pure function of it: the same bits whatever was asked before (the
   * cache, the last-count memo and the grid points an interpolation reads), so runs on any
   * runtime and thread count agree.
   */
  @Test
  void theSameCountGivesTheSameShareWhateverWasAskedBefore() {
    double[][] layers = {nearlyEven(72), even(72)};
    double fresh = new RankLoads(layers, ExpertSampling.BINOMIAL).busiestShare(50_000);
    RankLoads used = new RankLoads(layers, ExpertSampling.BINOMIAL);
    for (long a : new long[] {73_728, 8, 36_864, 49_999, 50_001, 4_000_000}) {
      used.busiestShare(a);
    }
    assertEquals(fresh, used.busiestShare(50_000), 0);
    assertEquals(fresh, used.busiestShare(50_000.4), 0, "rounded to a whole count");
  }

  /** Loader's saddle-point binomial against the direct product at moderate counts. */
  @Test
  void saddlePointPmfEqualsTheDirectForm() {
    for (int n : new int[] {1, 10, 40, 200}) {
      for (int x = 0; x <= n; x += Math.max(1, n / 7)) {
        double c = 0;
        for (int i = 0; i < x; i++) {
          c += Math.log((n - i) / (double) (i + 1));
        }
        double direct = c + x * Math.log(0.3) + (n - x) * Math.log(0.7);
        assertEquals(direct, RankLoads.logPmf(n, x, 0.3), 1e-11 * Math.max(1, -direct),
            n + " " + x);
      }
    }
  }
}
