package org.supernodesim.workload.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-rank expert loads: drawn from the seed around the busiest, or summed from given loads. */
class ExpertLoadsTest {

  /** The mean rank carries 1, the busiest exactly expertLoad, none more, none below 0. */
  @Test
  void drawnLoadsKeepTheMeanAndTheBusiest() {
    for (int ep : new int[] {2, 8, 64}) {
      for (double busiest : new double[] {1.1, 1.5, 2, 4}) {
        if (busiest > ep) {
          continue;
        }
        for (int layer = 0; layer < 5; layer++) {
          double[] l = new ExpertLoads.Drawn(42).rankLoads(layer, ep, busiest);
          assertEquals(ep, l.length);
          assertEquals(1.0, Arrays.stream(l).average().orElseThrow(), 1e-12, "the mean");
          assertEquals(busiest, Arrays.stream(l).max().orElseThrow(), 1e-12, "the busiest");
          assertTrue(Arrays.stream(l).min().orElseThrow() >= 0, Arrays.toString(l));
        }
      }
    }
  }

  /** Same seed, same loads; another seed or another layer, other loads. */
  @Test
  void drawnLoadsFollowTheSeed() {
    double[] a = new ExpertLoads.Drawn(7).rankLoads(3, 8, 2);
    assertArrayEquals(a, new ExpertLoads.Drawn(7).rankLoads(3, 8, 2), 0.0);
    assertFalse(Arrays.equals(a, new ExpertLoads.Drawn(8).rankLoads(3, 8, 2)));
    assertFalse(Arrays.equals(a, new ExpertLoads.Drawn(7).rankLoads(4, 8, 2)));
    assertEquals(0, new ExpertLoads.Drawn(7).rankLoads(3, 8, 1).length, "no skew: even");
    assertEquals(0, new ExpertLoads.Even().rankLoads(3, 8, 2).length, "padded: even");
  }

  /** 8 experts on 4 ranks: rank e sums experts 2e and 2e+1, over the mean rank's quarter. */
  @Test
  void perExpertLoadsSumOverEachRanksExperts() {
    ExpertLoads.PerExpert given =
        new ExpertLoads.PerExpert(List.of(5.0, 3.0, 1.0, 1.0, 1.0, 1.0, 2.0, 2.0));
    assertArrayEquals(new double[] {2.0, 0.5, 0.5, 1.0}, given.rankLoads(0, 4, 2), 1e-12);
    assertEquals(2.0, given.busiest(4), 1e-12);
    assertEquals(1.0, given.busiest(1), 1e-12);
  }
}
