package org.supernodesim.workload.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.transformer.ForwardFlops;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * The step under each schedule: DualPipe's placement, groups and memory, empty end chunks, and the
 * FLOPs the kernels execute beside the FLOPs papers count.
 */
class ScheduledStepTest {
  private static final TransformerSpec SMALL = Gpt.of(8, 1024, 16);

  private static AlgorithmChoice auto(CollectiveKind kind) {
    return AlgorithmChoice.AUTO;
  }

  /** {@code job} with another schedule and chunk split. */
  private static TrainingJob with(
      TrainingJob j, Schedule schedule, boolean overlap, List<Integer> stageLayers) {
    return new TrainingJob(
        j.model(),
        j.parallelism(),
        j.zeroStage(),
        j.sequenceTokens(),
        j.globalBatchSequences(),
        j.microBatchSequences(),
        j.recomputation(),
        j.precision(),
        j.fusedAttention(),
        j.overlapGradientReduce(),
        j.gradientBucketBytes(),
        j.gradientReduceBytesPerElement(),
        j.expertLoad(),
        stageLayers,
        j.activationStorage(),
        j.optimizerMomentBytes(),
        schedule,
        overlap);
  }

  private static TrainingJob fused(TransformerSpec model, Parallelism p, int batch, int zero) {
    return split(model, p, batch, zero, List.of(), Schedule.ONE_F_ONE_B);
  }

  private static TrainingJob split(
      TransformerSpec model,
      Parallelism p,
      int batch,
      int zero,
      List<Integer> stageLayers,
      Schedule schedule) {
    return new TrainingJob(
        model,
        p,
        zero,
        2048,
        batch,
        1,
        Recomputation.NONE,
        Precision.BF16,
        true,
        true,
        80_000_000,
        2,
        1.0,
        stageLayers,
        ActivationStorage.BF16,
        4,
        schedule,
        schedule == Schedule.DUALPIPE);
  }

  @Test
  void anUnfusedStepWithFullRecomputationExecutesWhatEquationThreeCounts() {
    // Megatron-LM's Table 1 runs: the unfused kernels compute every score (the masked half too)
    // and full recomputation reruns every layer's forward, which is exactly what eq. 3 counts;
    // so executed-work modelling cannot move those rows.
    TrainingJob job = Gpt.job(Gpt.of(48, 8192, 64), Gpt.layout(8, 2, 32), 1536, Recomputation.FULL);
    TrainingStep step = StepGenerator.generate(job, ScheduledStepTest::auto);
    double counted = step.modelFlops() + step.recomputeFlops();
    assertEquals(counted, step.executedFlops(), counted * 1e-9, "executed = eq. 3");
  }

  @Test
  void aFusedCausalStepExecutesHalfTheScoresAndAttentionBackwardTwoAndAHalfTimesForward() {
    // Per token: 3x the weight GEMMs' forward FLOPs; attention (1 + 2.5) x its forward, which a
    // fused causal kernel runs for s/2 of the s keys papers count (FlashAttention-2's count).
    TrainingJob job = fused(SMALL, Gpt.layout(1, 1, 2), 2, 0);
    TrainingStep step = StepGenerator.generate(job, ScheduledStepTest::auto);
    ForwardFlops f = SMALL.forwardFlopsPerToken(2048);
    double tokens = 2.0 * 2048;
    double expected =
        tokens * (3 * (f.mainModel() - f.attentionScores()) + 3.5 * f.attentionScores() / 2);
    assertEquals(expected, step.executedFlops(), expected * 1e-9, "executed");
    assertEquals(
        tokens * 3 * f.mainModel(),
        step.modelFlops(),
        expected * 1e-9,
        "counted: every query against all s keys");
  }

  @Test
  void ringAttentionRunsCpBlocksWithAHopOfKeysAndValuesBetween() {
    // cp = 2: each rank holds 1024 tokens; per layer and micro-batch a forward hop carries the
    // rank's K and V (1024 tokens x 2 x 16 heads x 64 x 2 bytes = 4 MiB), a backward hop K, V
    // and their gradients; the work over both ranks is what one rank does without cp.
    Parallelism cp2 = new Parallelism(1, 1, 1, 2, 1, 1, false);
    TrainingStep ring = StepGenerator.generate(fused(SMALL, cp2, 1, 0), ScheduledStepTest::auto);
    TrainingStep whole =
        StepGenerator.generate(fused(SMALL, Gpt.layout(1, 1, 1), 1, 0), ScheduledStepTest::auto);
    assertEquals(
        whole.executedFlops(),
        ring.executedFlops(),
        whole.executedFlops() * 1e-9,
        "the same work split over the ring");
    List<Operation.Collective> hops =
        ring.graphs().get(0).operations().stream()
            .filter(
                o -> o instanceof Operation.Collective c && c.kind() == CollectiveKind.SEND_RECV)
            .map(o -> (Operation.Collective) o)
            .toList();
    assertEquals(2 * 8, hops.size(), "one hop per layer forward and one per layer backward");
    assertEquals(4L << 20, hops.get(0).bytes(), "K and V of 1024 tokens");
    assertEquals(8L << 20, hops.get(hops.size() - 1).bytes(), "and their gradients too");
    assertEquals(List.of(0, 1), hops.get(0).group(), "to the ring's next rank");
  }

  @Test
  void dualPipeStagesHoldTwoChunksTwiceTheParametersAndPPlusOneMicroBatchesOfActivations() {
    // p = 4, 8 layers: stage 1 holds chunk 1 under 1F1B and chunks 1 and 2 under DualPipe, two
    // layers each. DualPipe's table: 2x the parameters (weights and gradients here), p + 1
    // chunk passes of activations (1F1B's stage 1: p - 1). ZeRO-1 shards the optimizer over
    // the 2·dp ranks that hold a chunk, so its share stays the same.
    TrainingJob oneF = fused(SMALL, Gpt.layout(1, 4, 2), 16, 1);
    TrainingJob dual = with(oneF, Schedule.DUALPIPE, true, List.of());
    StageMemory one = StepGenerator.generate(oneF, ScheduledStepTest::auto).memory().get(1);
    TrainingStep step = StepGenerator.generate(dual, ScheduledStepTest::auto);
    StageMemory two = step.memory().get(1);
    assertEquals(2 * one.weightsBytes(), two.weightsBytes(), 1e-3, "2x weights");
    assertEquals(2 * one.gradientBytes(), two.gradientBytes(), 1e-3, "2x gradients");
    assertEquals(one.optimizerBytes(), two.optimizerBytes(), 1e-3, "optimizer over 2·dp");
    double chunkPass = 2 * new MemoryModel(dual).layerActivationBytes(SMALL.ffnOfLayer(0));
    assertEquals(5 * chunkPass, two.activationBytes(), 1e-3, "p + 1 = 5 chunk passes");
    assertEquals(3 * chunkPass, one.activationBytes(), 1e-3, "1F1B stage 1: p - 1 = 3");
    assertEquals("dualpipe", step.schedule());
  }

  @Test
  void dualPipeSendsBothWaysAndReducesGradientsOverBothCopiesOfAChunk() {
    // Stage 1 sends direction 0's activations to stage 2 and direction 1's to stage 0; its
    // chunks 1 and 2 also live on stage 2, so gradients are reduced over both stages' dp ranks.
    TrainingJob dual =
        with(fused(SMALL, Gpt.layout(1, 4, 2), 16, 1), Schedule.DUALPIPE, true, List.of());
    TrainingStep step = StepGenerator.generate(dual, ScheduledStepTest::auto);
    OperationGraph stage1 = step.graphs().get(1);
    RankLayout layout = step.layout();
    long toNext =
        stage1.operations().stream()
            .filter(
                o ->
                    o instanceof Operation.Send s
                        && s.name().startsWith("send activations")
                        && s.peer() == layout.representative(2))
            .count();
    long toPrevious =
        stage1.operations().stream()
            .filter(
                o ->
                    o instanceof Operation.Send s
                        && s.name().startsWith("send activations")
                        && s.peer() == layout.representative(0))
            .count();
    assertEquals(4, toNext, "4 micro-batches of direction 0 through chunk 1 to stage 2");
    assertEquals(4, toPrevious, "4 of direction 1 through chunk 2 to stage 0");
    List<Integer> replicas =
        List.of(
            layout.rank(0, 0, 0, 1),
            layout.rank(0, 0, 1, 1),
            layout.rank(0, 0, 0, 2),
            layout.rank(0, 0, 1, 2));
    assertTrue(
        stage1.operations().stream()
            .anyMatch(
                o ->
                    o instanceof Operation.Collective c
                        && c.name().startsWith("gradient")
                        && c.group().equals(replicas)),
        "gradients reduced over " + replicas);
  }

  @Test
  void firstAndLastChunksMayHoldTheEmbeddingAndTheHeadAlone() {
    // Llama 3's balance (arXiv 2407.21783 §3.3.2), here 6 layers on pp 2 x v 2: chunk 0 is the
    // embedding, chunk 3 the head. Stage 0 runs the embedding as a pass of its own and reduces
    // its gradients with those of its layers 3-5.
    TrainingJob job =
        split(
            Gpt.of(6, 1024, 16),
            new Parallelism(1, 2, 2, 1, 1, 2, false),
            8,
            0,
            List.of(0, 3, 3, 0),
            Schedule.ONE_F_ONE_B);
    TrainingStep step = StepGenerator.generate(job, ScheduledStepTest::auto);
    OperationGraph stage0 = step.graphs().get(0);
    assertTrue(
        stage0.operations().stream().anyMatch(o -> o.name().equals("embedding")),
        "the embedding's own chunk");
    StageParameterCount count = new StageParameterCount(job, PipelineSchedule.of(job), 0);
    double expected = 2 * count.stage().dense();
    double reduced =
        stage0.operations().stream()
            .filter(
                o -> o instanceof Operation.Collective c && c.name().equals("gradient all-reduce"))
            .mapToLong(o -> ((Operation.Collective) o).bytes())
            .sum();
    assertEquals(expected, reduced, 8, "bf16 gradients of layers 3-5 and the embedding");
    assertEquals(
        2 * (3 * count.layer(3).dense() + count.embedding().dense()),
        expected,
        1e-3,
        "what stage 0 holds");
  }

  @Test
  void schedulesAndSplitsThatCannotRunAreRefusedNamingTheirParameter() {
    Parallelism interleaved = new Parallelism(1, 2, 1, 1, 1, 2, false);
    TransformerSpec six = Gpt.of(6, 1024, 16);
    LayoutException middle =
        assertThrows(
            LayoutException.class,
            () -> split(six, interleaved, 4, 0, List.of(3, 0, 2, 1), Schedule.ONE_F_ONE_B));
    assertEquals(LayoutException.Parameter.STAGE_LAYERS, middle.parameter(), middle.getMessage());
    LayoutException odd =
        assertThrows(
            LayoutException.class,
            () ->
                with(
                    fused(Gpt.of(6, 1024, 16), Gpt.layout(1, 3, 1), 6, 0),
                    Schedule.DUALPIPE,
                    true,
                    List.of()));
    assertEquals(LayoutException.Parameter.PP, odd.parameter(), odd.getMessage());
    LayoutException few =
        assertThrows(
            LayoutException.class,
            () ->
                with(fused(SMALL, Gpt.layout(1, 4, 1), 4, 0), Schedule.DUALPIPE, true, List.of()));
    assertEquals(LayoutException.Parameter.GLOBAL_BATCH, few.parameter(), few.getMessage());
    LayoutException virtual =
        assertThrows(
            LayoutException.class,
            () -> split(six, interleaved, 4, 0, List.of(1, 2, 2, 1), Schedule.DUALPIPE));
    assertEquals(
        LayoutException.Parameter.VIRTUAL_STAGES, virtual.parameter(), virtual.getMessage());
  }
}
