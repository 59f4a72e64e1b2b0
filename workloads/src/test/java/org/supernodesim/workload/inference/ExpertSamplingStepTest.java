package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.inference.CommunicationDemand.Collective;

/**
 * A step's finite draw of expert assignments reaches the step: DeepSeek-V3 in FP8 at EP32 with DP
 * attention 32 (8 routed experts a rank, uniform load: every rank's expected share 1/32), a decode
 * step of T = 4,000 tokens, A = 8T = 32,000 assignments, 1,000 a rank. With {@code sampling:
 * binomial} the busiest rank takes b = E[max] / A of them ({@link RankLoads}), with {@code none}
 * 1/32; one expert is W = 3 x 7168 x 2048 weights.
 */
class ExpertSamplingStepTest {
  private static final ComputeCostModel H20 = new ComputeCostModel(Shapes.h20());
  private static final double W = 3 * 7168.0 * 2048;
  private static final Batch DECODE = Batch.decode(4000, 1000);

  private static StepCostModel ep32(ExpertSampling sampling) {
    ServingOptions options = new ServingOptions(Overlap.NONE, Speculation.none(),
        ExpertPlacement.uniform().withSampling(sampling), Precision.BF16, Precision.BF16);
    return new StepCostModel(Shapes.deepseekV3(), new InstanceLayout(1, 1, 32, 32),
        Precision.FP8, Precision.BF16, H20, new OneLinkPricer(new LinkSpec(5.0e10, 2_000_000)),
        options, 7);
  }

  /**
   * The busiest rank's routed-expert FLOPs grow by 58 layers x 2W x A x (b - 1/32), and what it
   * receives in the dispatch by A x 31/32 copies x (b - 1/32) x 14,336 bytes; b at 1,000 a rank of
   * 32 is 1.0650x the mean.
   */
  @Test
  void theBusiestRankComputesAndReceivesItsDrawnShare() {
    double b = RankLoads.even(32).busiestShare(32_000);
    assertEquals(1.0650, b * 32, 1e-4);
    StepCost sampled = ep32(ExpertSampling.BINOMIAL).step(DECODE);
    StepCost expected = ep32(ExpertSampling.NONE).step(DECODE);
    assertEquals(58 * 2 * W * 32_000 * (b - 1 / 32.0),
        sampled.flopsPerChip() - expected.flopsPerChip(), 1e-9 * expected.flopsPerChip());
    double copies = 32_000 * 31 / 32.0;
    assertEquals(b * copies * 7168 * 2, dispatch(sampled).bytesPerRank().get(0), 0.5);
    assertEquals(copies / 32 * 7168 * 2, dispatch(expected).bytesPerRank().get(0), 0.5);
    assertTrue(sampled.picos() > expected.picos());
    assertEquals(b * 32, ep32(ExpertSampling.BINOMIAL).expertImbalance(4000), 1e-12);
    assertEquals(1, ep32(ExpertSampling.BINOMIAL).expertImbalance(), 1e-12, "expected");
    assertEquals(1, ep32(ExpertSampling.NONE).expertImbalance(4000), 1e-12);
  }

  private static CommunicationDemand dispatch(StepCost step) {
    return step.communication().stream()
        .filter(d -> d.collective() == Collective.EP_DISPATCH).findFirst().orElseThrow();
  }
}
