package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.supernodesim.workload.inference.TwoBatchPipeline.AttentionKernel;
import org.supernodesim.workload.inference.TwoBatchPipeline.Hooks;
import org.supernodesim.workload.inference.TwoBatchPipeline.Stages;

/**
 * Two-batch overlap stage by stage, as SGLang's operations strategy runs a sparse layer: each
 * all-to-all hides only under what the compute stream runs between its issue and its wait.
 */
class TwoBatchPipelineTest {
  // One layer, per micro-batch: attention input 4, attention core 6, shared experts 5, routed
  // experts 20; dispatch 30, combine 40 (any unit).
  private static final Stages LAYER = new Stages(4, 6, 5, 20);

  /** Stages that no all-to-all slows or holds the stream for. */
  private static TwoBatchPipeline plain(boolean decode, int layers, Stages stages) {
    return new TwoBatchPipeline(decode, layers, stages, AttentionKernel.none(), Hooks.none());
  }

  /** Prefill stages whose attention kernel an all-to-all slows. */
  private static TwoBatchPipeline prefill(int layers, Stages stages, AttentionKernel kernel) {
    return new TwoBatchPipeline(false, layers, stages, kernel, Hooks.none());
  }

  @Test
  void prefillHidesEachAllToAllUnderTheOtherMicroBatchsStage() {
    // Stages [attention, issue D] | [wait D, experts, issue K] | [shared, wait K], b in step:
    // a1 ends 10, D_a 10-40; b1 ends 20, D_b queued behind D_a: 40-70; a2 waits to 40, experts
    // to 60, K_a queued 70-110; b2 waits to 70, experts to 90, K_b 110-150; a3 shared to 95,
    // waits K_a to 110; b3 shared to 115, waits K_b to 150.
    TwoBatchPipeline p = plain(false, 1, LAYER);
    assertEquals(150, p.picos(30, 40));
    assertEquals(70, p.computePicos());
  }

  @Test
  void decodeRunsTheSecondMicroBatchTwoStagesBehind() {
    // Stages [input] | [core] | [issue D, shared] | [wait D, experts, issue K] | [wait K]; a runs
    // two stages, then a and b in turn: a0 4, a1 10, a2 issues D_a at 10 (to 40), shared to 15;
    // b0 19; a3 waits to 40, experts to 60, K_a 60-100; b1 66; a4 waits to 100; b2 issues D_b at
    // 100 (to 130), shared to 105; b3 waits to 130, experts to 150, K_b to 190; b4 waits to 190.
    TwoBatchPipeline p = plain(true, 1, LAYER);
    assertEquals(190, p.picos(30, 40));
  }

  @Test
  void withoutCommunicationTheStagesAreTheCompute() {
    TwoBatchPipeline p = plain(true, 58, LAYER);
    assertEquals(p.computePicos(), p.picos(0, 0));
  }

  @Test
  void theAttentionKernelRunsOnTheSmsABusyChannelLeavesIt() {
    // One layer whose attention core is all attention kernel (20), nothing else to compute;
    // dispatch 10, combine 0; beside an all-to-all the kernel has half the SMs. a0: the kernel
    // 0-20 on an idle channel, D_a 20-30; b0: the kernel from 20 meets D_a: 10 ps at half rate do
    // 5 of its 20, the other 15 at full rate after 30, so it ends at 45; D_b 45-55; a1 and b1
    // wait to 55. On every SM throughout: b0 ends at 40, D_b 40-50, the layer 50.
    Stages kernelOnly = new Stages(0, 20, 0, 0);
    AttentionKernel halfBeside = new AttentionKernel(20, 0.5);
    assertEquals(55, prefill(1, kernelOnly, halfBeside).picos(10, 0));
    assertEquals(50, prefill(1, kernelOnly, new AttentionKernel(20, 1)).picos(10, 0));
    // The compute (each kernel on its SMs, without a channel) is the same either way.
    assertEquals(40, prefill(1, kernelOnly, halfBeside).computePicos());
    assertEquals(40, prefill(1, kernelOnly, halfBeside).picos(0, 0));
  }

  @Test
  void aKernelSpanningSeveralBusySpansSlowsInEachOnly() {
    // Dispatch 4, combine 4, two layers: kernels meet the channel's spans one after another.
    // Whatever the spans, the kernel's time lies between its full-rate and its half-rate time,
    // and the layers' time between the unslowed stages' and those with the kernel at half rate.
    Stages layer = new Stages(1, 8, 1, 3);
    long slowed = prefill(2, layer, new AttentionKernel(6, 0.5)).picos(4, 4);
    long fast = prefill(2, layer, new AttentionKernel(6, 1)).picos(4, 4);
    long allHalf = plain(false, 2, new Stages(1, 14, 1, 3)).picos(4, 4);
    assertTrue(slowed > fast && slowed <= allHalf, slowed + " between " + fast + " and " + allHalf);
  }

  @Test
  void anAttentionKernelLongerThanItsCoreIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> prefill(1, LAYER, new AttentionKernel(7, 0.5)));
    assertThrows(IllegalArgumentException.class, () -> new AttentionKernel(6, 0));
    assertThrows(IllegalArgumentException.class, () -> new AttentionKernel(-1, 1));
  }

  @Test
  void theLowLatencyKernelsHoldTheStreamWhileTheySendAndReceive() {
    // The same decode layer with the all-to-alls' SM phases: dispatch send 1, receive 2, combine
    // send 3, receive 4. a0 4, a1 10; a2 issues D_a at 10 (to 40), its send to 11, shared to 16;
    // b0 20; a3 waits to 40, receives to 42, experts to 62, issues K_a at 62 (to 102), send to
    // 65; b1 71; a4 waits to 102, receives to 106; b2 issues D_b at 106 (to 136), send to 107,
    // shared to 112; b3 waits to 136, receives to 138, experts to 158, K_b 158-198, send to 161;
    // b4 waits to 198, receives to 202.
    TwoBatchPipeline p =
        new TwoBatchPipeline(true, 1, LAYER, AttentionKernel.none(), new Hooks(1, 2, 3, 4));
    assertEquals(202, p.picos(30, 40));
    assertEquals(70, p.computePicos(), "the kernels alone");
  }
}
