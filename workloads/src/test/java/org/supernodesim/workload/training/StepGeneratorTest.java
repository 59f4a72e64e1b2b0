package org.supernodesim.workload.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.model.transformer.MegatronFormulas;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.graph.Operation;
import org.supernodesim.workload.graph.OperationGraph;

/** The generated step: its FLOPs, its graph's shape and its refusals. */
class StepGeneratorTest {
  private static final TransformerSpec GPT_39B = Gpt.of(48, 8192, 64);

  private static AlgorithmChoice ring(CollectiveKind kind) {
    return AlgorithmChoice.RING;
  }

  @Test
  void stepFlopsWithFullRecomputationAreMegatronEquationThree() {
    // SC'21 eq. 3 counts 96·B·s·l·h²·(1 + s/6h + V/16lh) per iteration with recomputation.
    TrainingJob job = Gpt.job(GPT_39B, Gpt.layout(8, 2, 32), 1536, Recomputation.FULL);
    TrainingStep step = StepGenerator.generate(job, StepGeneratorTest::ring);
    double eq3 = MegatronFormulas.flopsPerIterationWithRecomputation(1536, 2048, 48, 8192, 51200);
    assertEquals(eq3, step.modelFlops() + step.recomputeFlops(), eq3 * 1e-9, "eq. 3");
    double model = MegatronFormulas.modelFlopsPerIteration(1536, 2048, 48, 8192, 51200);
    assertEquals(model, step.modelFlops(), model * 1e-9, "72·B·s·l·h²·(...) without recompute");
  }

  @Test
  void eachStageRunsEveryMicroBatchForwardAndBackwardThroughItsLayers() {
    // p = 2, 24 layers each, m = 1536 / 32 = 48 micro-batches; tp 8: four all-reduces per
    // layer pass (2 forward + 2 backward) plus two more in the recomputed forward.
    TrainingJob job = Gpt.job(GPT_39B, Gpt.layout(8, 2, 32), 1536, Recomputation.FULL);
    TrainingStep step = StepGenerator.generate(job, StepGeneratorTest::ring);
    assertEquals(2, step.graphs().size(), "one graph per stage");
    OperationGraph first = step.graphs().get(0);
    assertEquals(0, first.rank(), "stage 0 is rank 0");
    assertEquals(8 * 32, step.graphs().get(1).rank(), "stage 1 starts after tp·dp ranks");
    long tensorAllReduces = first.operations().stream()
        .filter(o -> o instanceof Operation.Collective c && c.group().size() == 8).count();
    assertEquals(48L * 24 * 6, tensorAllReduces, "6 tp all-reduces per layer per micro-batch");
    long sends = first.operations().stream().filter(o -> o instanceof Operation.Send).count();
    long receives = first.operations().stream().filter(o -> o instanceof Operation.Recv).count();
    assertEquals(48, sends, "stage 0 sends each micro-batch's activations forward");
    assertEquals(48, receives, "and receives each one's gradients back");
    assertTrue(first.operations().stream().anyMatch(o -> o instanceof Operation.Collective c
        && c.kind() == CollectiveKind.ALL_REDUCE && c.group().size() == 32),
        "gradients are all-reduced over the 32 replicas");
  }

  @Test
  void zeroThreeGathersEachLayerBeforeEachPassAndScattersItsGradientsAfter() {
    // pp = 1, dp = 8, 48 layers, m = 16 / 8 = 2 micro-batches, no recomputation: per micro-batch
    // each layer is gathered before its forward and its backward and reduce-scattered after its
    // backward (ZeRO §5.3, DeepSpeed's stage 3 with gradient accumulation).
    TrainingJob job = new TrainingJob(GPT_39B, Gpt.layout(1, 1, 8), 3, 2048, 16, 1,
        Recomputation.NONE, Precision.BF16, true, true, 80_000_000, 2, 1.0, List.of());
    OperationGraph g = StepGenerator.generate(job, StepGeneratorTest::ring).graphs().get(0);
    long gathers = g.operations().stream().filter(o -> o instanceof Operation.Collective c
        && c.kind() == CollectiveKind.ALL_GATHER && c.name().contains("parameter")).count();
    long scatters = g.operations().stream().filter(o -> o instanceof Operation.Collective c
        && c.kind() == CollectiveKind.REDUCE_SCATTER).count();
    assertEquals(2L * 48 * 2, gathers, "a gather per layer per pass per micro-batch");
    // The head's gradients still go in the end-of-step bucket (one reduce-scatter).
    assertEquals(48L * 2 + 1, scatters, "a reduce-scatter per layer per micro-batch, + the head");
  }

  @Test
  void layoutsThatCannotRunAreRefusedNamingTheirParameter() {
    LayoutException heads = assertThrows(LayoutException.class,
        () -> Gpt.job(GPT_39B, Gpt.layout(3, 1, 1), 1, Recomputation.NONE));
    assertEquals(LayoutException.Parameter.TP, heads.parameter(), heads.getMessage());
    LayoutException layers = assertThrows(LayoutException.class,
        () -> Gpt.job(GPT_39B, Gpt.layout(1, 5, 1), 1, Recomputation.NONE));
    assertEquals(LayoutException.Parameter.PP, layers.parameter(), layers.getMessage());
    LayoutException batch = assertThrows(LayoutException.class,
        () -> Gpt.job(GPT_39B, Gpt.layout(1, 1, 3), 4, Recomputation.NONE));
    assertEquals(LayoutException.Parameter.GLOBAL_BATCH, batch.parameter(), batch.getMessage());
    LayoutException experts = assertThrows(LayoutException.class,
        () -> new TrainingJob(GPT_39B, new Parallelism(1, 1, 2, 1, 2, 1, false), 0, 2048, 2, 1,
            Recomputation.NONE, Precision.BF16, false, true, 1, 2, 1, List.of()));
    assertEquals(LayoutException.Parameter.EP, experts.parameter(), experts.getMessage());
  }
}
