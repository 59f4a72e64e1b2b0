package org.supernodesim.node.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.results.ServingResult;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.inference.ExpertPlacement;
import org.supernodesim.workload.inference.InstanceLayout;
import org.supernodesim.workload.inference.Overlap;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.RoutingPolicy;
import org.supernodesim.workload.inference.ServingOptions;
import org.supernodesim.workload.inference.Speculation;
import org.supernodesim.workload.inference.StepCostModel;

/**
 * A lone request decoded with multi-token prediction: k drafts accepted at a give 1 + a + ... +
 * a^k tokens per verify step, so its TPOT is the verify step over that, and its TTFT (the prefill,
 * with one MTP pass over the prompt) does not depend on a.
 */
class SpeculativeDecodingTest {
  private static final int PROMPT = 1000;
  private static final int OUTPUT = 101;

  /** Llama-3.1 8B's shape with one MTP module (the last layer's block), on one H20. */
  private static StepCostModel costs(double acceptance) {
    TransformerSpec l = Deployments.llama8b();
    TransformerSpec withMtp = new TransformerSpec(l.id(), l.vocabSize(), l.hiddenSize(),
        l.layers(), l.positions(), l.norm(), l.attention(), l.ffn(), l.tiedEmbeddings(), 1,
        l.simplifications());
    return new StepCostModel(withMtp, new InstanceLayout(1, 1, 1, 1), Precision.BF16,
        Precision.BF16, new ComputeCostModel(Deployments.h20()), null,
        new ServingOptions(Overlap.NONE, new Speculation(2, List.of(acceptance)),
            ExpertPlacement.uniform(), Precision.BF16, Precision.BF16), 0);
  }

  private static ServingResult lone(double acceptance) {
    RequestTrace trace = new RequestTrace("one", List.of(Request.of(0, 0, PROMPT, OUTPUT)), 0, 0);
    InstanceGroup g = new InstanceGroup(Role.UNIFIED, 1, costs(acceptance), 1_000_000,
        Deployments.limits(false));
    return Deployments.runSequential(
        Deployments.setup(trace, List.of(g), Deployments.limits(false), RoutingPolicy.ROUND_ROBIN));
  }

  @Test
  void tpotIsTheVerifyStepOverTheExpectedTokens() {
    ServingResult none = lone(0.0);
    ServingResult at = lone(0.8);

    double expected = 1 + 0.8 + 0.64;
    assertEquals(none.ttftSeconds().max(), at.ttftSeconds().max(), 1e-12,
        "TTFT: the prefill and its MTP pass, whatever the acceptance");
    assertEquals(none.tpotSeconds().max() / expected, at.tpotSeconds().max(),
        1e-9 * at.tpotSeconds().max(), "TPOT = verify step / (1 + a + a^2), to 1 ps a step");
  }
}
