package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * Each collective algorithm, run as a scenario on ideal links (no efficiency below 1, one latency
 * per hop), against its closed form. Tolerance: 1 ps of rounding per step.
 */
class AlgorithmClosedFormTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final double PS = Units.PICOS_PER_SECOND;

  private static CollectiveResult run(String fabric, int chips, String collective) {
    String text =
        "name: t\ncluster:\n  chips: " + chips + "\n  chip: nvidia-h100-sxm\n  fabric: " + fabric
            + "\nworkload:\n  collectives:\n    - " + collective + "\n";
    return Kinds.collectives(
            ScenarioRunner.run(LOADER.load("t.yaml", text, List.of(), false),
                RuntimeChoice.SEQUENTIAL))
        .get(0);
  }

  @Test
  void hierarchicalAllReduceIsRingsInsideAndAcross() {
    // Given 4 domains of 4 chips: a switch of 400 GB/s, 1 us per hop inside; a fat tree of
    // 50 GB/s, 2 us per hop across (4 hops leaf-spine-leaf between domains). S = 64 MiB.
    String fabric =
        "{kind: hierarchy, chipsPerDomain: 4,"
            + " scaleUp: {kind: single-switch, link: {bandwidth: 400 GB/s, latency: 1 us}},"
            + " scaleOut: {kind: fat-tree, chipsPerLeaf: 4, link: {bandwidth: 50 GB/s, latency: 2 us}}}";
    long s = 64L << 20;
    CollectiveResult r =
        run(fabric, 16, "{kind: all-reduce, size: 64 MiB, algorithm: hierarchical}");
    // Then T = 2(d-1)(S/(d B_u) + 2 alpha_u) + 2(m-1)(S/(d m B_o) + 4 alpha_o), d = m = 4: the
    // cross-domain ring joins same-index chips, which sit under different leaves.
    double inside = 2 * 3 * (s / 4.0 / 400e9 * PS + 2e6);
    double across = 2 * 3 * (s / 16.0 / 50e9 * PS + 4 * 2e6);
    assertEquals("hierarchical", r.algorithm());
    assertEquals(inside + across, r.picos(), 12.0, "hierarchical: closed form within 1 ps/step");
  }

  @Test
  void inSwitchReductionMovesTheBufferOnceEachWay() {
    // Given 8 chips on a 450 GB/s switch that reduces at 0.5 of the link with 10 us per phase.
    String fabric =
        "{kind: single-switch, link: {bandwidth: 450 GB/s, latency: 1 us},"
            + " inSwitchReduction: {efficiency: 0.5, phaseLatency: 10 us}}";
    CollectiveResult r = run(fabric, 8, "{kind: all-reduce, size: 1 GiB, algorithm: nvls}");
    // Then T = 2 phase + 2 alpha + S / (e B): each port carries 7/8 S of contributions and 1/8 S
    // of its own reduced share (the switch makes the 7 copies), both phases flowing at once.
    double s = 1 << 30;
    double expected = 2 * 10e6 + 2e6 + s / (0.5 * 450e9) * PS;
    assertEquals(expected, r.picos(), 16.0, "nvls: closed form within 1 ps per transfer");
  }

  @Test
  void directAllToAllSerialisesAChipsBlocksOnItsPort() {
    // Given 8 chips on a 100 GB/s switch, 1 us per hop, a 1 GiB send buffer per chip.
    CollectiveResult r =
        run("{kind: single-switch, link: {bandwidth: 100 GB/s, latency: 1 us}}", 8,
            "{kind: all-to-all, size: 1 GiB}");
    // Then T = (n-1)/n S/B + 2 alpha: seven blocks of S/8 leave one after another.
    double expected = 7 * ((1 << 30) / 8.0) / 100e9 * PS + 2e6;
    assertEquals("direct", r.algorithm());
    assertEquals(expected, r.picos(), 8.0, "direct: closed form within 1 ps per block");
  }

  @Test
  void pipelinedBroadcastTendsToOneBufferOverTheLink() {
    // Given 8 chips on a 100 GB/s switch, 1 us per hop, 64 MiB: 64 chunks of 1 MiB.
    CollectiveResult r =
        run("{kind: single-switch, link: {bandwidth: 100 GB/s, latency: 1 us}}", 8,
            "{kind: broadcast, size: 64 MiB}");
    // Then T = (C + n - 2) S/(C B) + (n-1) 2 alpha with C = 64: the root streams its chunks
    // back to back, and each of the n-1 hops adds one chunk's time and the route's latency.
    double expected = (64 + 6) * ((1 << 20) / 100e9 * PS) + 7 * 2e6;
    assertEquals("pipeline", r.algorithm());
    assertEquals(expected, r.picos(), 70.0, "pipeline: closed form within 1 ps per round");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "n={0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {8, 6})
  void halvingDoublingTakesTwoLogSteps(int n) {
    // Given n chips on a 100 GB/s switch, 1 us per hop, S = 64 MiB.
    CollectiveResult r =
        run("{kind: single-switch, link: {bandwidth: 100 GB/s, latency: 1 us}}", n,
            "{kind: all-reduce, size: 64 MiB, algorithm: halving-doubling}");
    // Then with p = 4 or 8 the largest power of two <= n and k = log2 p:
    // T = 2(p-1)/p S/B + 2k 2 alpha, plus 2(S/B + 2 alpha) to fold the extra n-p members in and
    // hand them the result.
    int p = Integer.highestOneBit(n);
    int k = Integer.numberOfTrailingZeros(p);
    double s = 64.0 * (1 << 20);
    double expected = 2.0 * (p - 1) / p * s / 100e9 * PS + 2 * k * 2e6;
    if (n != p) {
      expected += 2 * (s / 100e9 * PS + 2e6);
    }
    assertEquals("halving-doubling", r.algorithm());
    assertEquals(expected, r.picos(), 2.0 * k + 2, "closed form within 1 ps per step");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "n={0}")
  @org.junit.jupiter.params.provider.ValueSource(ints = {8, 6})
  void doubleBinaryTreePipelinesHalvesUpAndDownBothTrees(int n) {
    // Given n chips on a full mesh of 100 GB/s, 1 us links (one per pair, so no port is shared),
    // S = 64 MiB: each tree carries S/2 in C = 32 chunks of 1 MiB (tau = 1 MiB / B each); both
    // trees have depth D = 3, so the schedule has R = C + 2D - 1 = 37 rounds.
    CollectiveResult r =
        run("{kind: full-mesh, link: {bandwidth: 100 GB/s, latency: 1 us}}", n,
            "{kind: all-reduce, size: 64 MiB, algorithm: double-binary-tree}");
    // Then every round waits for its receives (one latency) and for the busiest link's chunks:
    // members 1 and 2 (n = 8; 3 and 2 for n = 6) are joined in both trees, and the link from
    // the one at depth 3 of tree 0 carries tree 0's reduce (rounds 0..31) and, being at depth 2
    // of tree 1, tree 1's broadcast (rounds 5..36): rounds 0-4 and 32-36 move one chunk on it,
    // 5-31 two, and no link carries more in any round:
    // T = R alpha + (10 + 2 * 27) tau = 37 alpha + 2C tau.
    double tau = (1 << 20) / 100e9 * PS;
    double expected = 37 * 1e6 + 64 * tau;
    assertEquals("double-binary-tree", r.algorithm());
    assertEquals(expected, r.picos(), 37.0, "double binary tree: closed form within 1 ps/round");
  }

  @Test
  void unevenAllToAllTakesTheBusiestSendersTime() {
    // Given 8 chips on a 100 GB/s switch, 1 us per hop; MoE dispatch in which rank 3 sends 1 GiB
    // and the others 256 MiB each (sizes: per source rank, each cut evenly over the 8).
    CollectiveResult r =
        run("{kind: single-switch, link: {bandwidth: 100 GB/s, latency: 1 us}}", 8,
            "{kind: all-to-all, sizes: [256 MiB, 256 MiB, 256 MiB, 1 GiB, 256 MiB, 256 MiB,"
                + " 256 MiB, 256 MiB]}");
    // Then T = (n-1)/n S_max/B + 2 alpha: rank 3's seven blocks of 128 MiB leave its port one
    // after another, and no receiver's port takes more than 128 + 6 x 32 MiB.
    double expected = 7 * ((1 << 30) / 8.0) / 100e9 * PS + 2e6;
    assertEquals("direct", r.algorithm());
    assertEquals((7 * 256L + 1024) / 8 << 20, r.bytes(), "the mean send buffer is reported");
    assertEquals(expected, r.picos(), 8.0, "uneven direct: busiest sender within 1 ps per block");
  }
}
