package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.MissingFigureException;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.model.transformer.ParameterCounts;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Kernel;

class StepCostModelTest {
  private static final ComputeCostModel H20 = new ComputeCostModel(Shapes.h20());
  private static final InstanceLayout ONE_CHIP = new InstanceLayout(1, 1, 1, 1);

  private static StepCostModel oneChip(TransformerSpec model, Precision weights) {
    return new StepCostModel(model, ONE_CHIP, weights, Precision.BF16, H20, null);
  }

  /** A BF16 instance of {@code layout} whose collectives run on a 450 GB/s, 2 us link. */
  private static StepCostModel onLink(TransformerSpec model, InstanceLayout layout) {
    return new StepCostModel(model, layout, Precision.BF16, Precision.BF16, H20, LINK);
  }

  private static final LinkSpec LINK = new LinkSpec(4.5e11, 2_000_000);

  /**
   * The cost model's achievable share of HBM bandwidth, read off a pure 1 GB read: 1 with the
   * uncalibrated roofline, the calibration's memory efficiency once there is one.
   */
  private static double memoryEfficiency() {
    return 1e9 / 4.0e12 / H20.seconds(Kernel.elementwise(1e9));
  }

  @ParameterizedTest(name = "batch {0} at context {1}")
  @CsvSource({"1, 1024", "8, 2048", "32, 512"})
  void memoryBoundDecodeTakesTheBytesItReadsOverHbmBandwidth(int batch, long context) {
    // Given Llama-3.1 8B in BF16 on one H20, decoding a batch: every weight but the input
    // embedding is read once per step, and each request's KV for its context plus the new token.
    TransformerSpec model = Shapes.llama8b();
    ParameterCounts p = model.parameterCounts();
    long h = model.hiddenSize();
    long norms = model.layers() * 2 * h + h; // RMSNorm gains: not matmul weights, not counted
    double weightBytes = 2.0 * (p.totalParameters() - p.total().embedding() - norms);
    double kvPerToken = 2.0 * model.layers() * 2 * 8 * 128; // K and V, 8 heads of 128, BF16
    double kvBytes = batch * (context + 1) * kvPerToken + batch * kvPerToken; // read + write
    // The non-GEMM kernels of llama.py per token and layer, BF16: two fused add-RMSNorms (read
    // the hidden state and residual, write both: 4h x 2 bytes each), rotary on the 32 query and
    // 8 key heads of 128 (read and write), SiLU-and-mul (read gate and up, write the product:
    // 3 x 14,336 x 2); outside the layers the embedding gather (read and write h) and the final
    // norm (4h).
    double nonGemmPerToken = model.layers() * (2 * 4.0 * h * 2 + 2.0 * 40 * 128 * 2
        + 3.0 * 14_336 * 2) + 6.0 * h * 2;
    assertEquals(5_554_176, nonGemmPerToken);

    StepCost cost = oneChip(model, Precision.BF16).step(Batch.decode(batch, context));

    // Then the step is memory-bound: bytes / (HBM bandwidth x the calibration's efficiency), to
    // within the rounding of 3 parts x 32 layers + 1 to the picosecond.
    assertEquals(weightBytes, cost.weightBytesPerChip(), 1.0, "weights read per step");
    assertEquals(kvBytes, cost.kvBytesPerChip(), 1.0, "KV read and written per step");
    assertEquals(batch * nonGemmPerToken, cost.nonGemmBytesPerChip(), 1.0, "non-GEMM kernels");
    double bytes = weightBytes + kvBytes + batch * nonGemmPerToken;
    double expectedPicos = bytes / (4.0e12 * memoryEfficiency()) * 1e12;
    assertEquals(expectedPicos, cost.picos(), 226, "decode step = bytes / HBM bandwidth");
    assertEquals(batch * nonGemmPerToken / (4.0e12 * memoryEfficiency()) * 1e12,
        cost.nonGemmPicos(), 130, "of which the non-GEMM kernels");
    double decodeTokensPerSecond = batch / (cost.picos() / 1e12);
    assertEquals(batch * 4.0e12 * memoryEfficiency() / bytes,
        decodeTokensPerSecond, 1e-6 * decodeTokensPerSecond, "throughput = bandwidth / bytes");
  }

  @ParameterizedTest(name = "batch {0}")
  @CsvSource({"1", "8", "16"})
  void calibratedDecodeIsStillBoundByItsBytesAtTheAchievableBandwidth(int batch) {
    // Given the H20 at the calibration procedure's A100 figures (GEMMs 0.77 of peak, falling off
    // as d / (d + 128); memory at 0.80 of 4.0 TB/s) and a decode batch at 1,024 of context.
    ComputeCalibration.Curve matmul = new ComputeCalibration.Curve(0.77, 128, Confidence.ESTIMATED,
        List.of("calibration/nvidia-h20.yaml"));
    ComputeCalibration.Curve fused = new ComputeCalibration.Curve(0.55, 0, Confidence.ESTIMATED,
        List.of("calibration/nvidia-h20.yaml"));
    ComputeCalibration calibration = new ComputeCalibration(ComputeCalibration.SCHEMA,
        "nvidia-h20", matmul, fused, new ComputeCalibration.Fraction(0.80, Confidence.ESTIMATED,
            List.of("calibration/nvidia-h20.yaml")), "test");
    StepCostModel costs = new StepCostModel(Shapes.llama8b(), ONE_CHIP, Precision.BF16,
        Precision.BF16, new ComputeCostModel(Shapes.h20(), calibration), null);

    StepCost cost = costs.step(Batch.decode(batch, 1024));

    // Then the step is its bytes at 0.80 x 4.0 TB/s: the calibration's stated memory efficiency
    // (GEMMs of a few tokens are read at their weights' size, 4,096, not at the token count).
    double bytes = cost.weightBytesPerChip() + cost.kvBytesPerChip() + cost.nonGemmBytesPerChip();
    assertEquals(bytes / (0.80 * 4.0e12) * 1e12, cost.picos(), 226,
        "decode at the achievable bandwidth, to 1 ps of rounding per kernel");
  }

  @Test
  void longPrefillIsComputeBoundAtTwoFlopsPerWeightPerToken() {
    // Given a 4,096-token prompt of the 8B model in one step on one H20 (148 TFLOPS BF16).
    TransformerSpec model = Shapes.llama8b();
    long t = 4096;
    long h = model.hiddenSize();
    double matmulWeights = model.layers() * (model.attention().projectionWeights(h)
        + model.ffnOfLayer(0).activeMatmulWeights(h));
    // Causal attention: the i-th token attends to i keys, 4 x 32 heads x 128 FLOPs per key.
    double attention = model.layers() * 4.0 * 32 * 128 * (t * (t + 1) / 2.0);
    double flops = 2 * matmulWeights * t + attention;

    StepCost cost = oneChip(model, Precision.BF16).step(Batch.prefill(t));

    // Then it costs its FLOPs at the peak, plus the output head of one token (memory-bound: its
    // 128,256 x 4,096 BF16 weights at 4.0 TB/s) and the non-GEMM kernels' 5.55 MB a token at
    // 4.0 TB/s.
    double head = 128_256.0 * 4096 * 2 / 4.0e12 * 1e12;
    double nonGemm = t * 5_554_176.0 / 4.0e12 * 1e12;
    assertEquals(t * 5_554_176.0, cost.nonGemmBytesPerChip(), 1.0);
    assertEquals(flops / 1.48e14 * 1e12 + head + nonGemm, cost.picos(), 0.002 * cost.picos(),
        "prefill = 2 x weights x tokens + attention over the peak (0.2 %: the head's own FLOPs"
            + " and the KV write of each layer are left out of this closed form)");
  }

  @Test
  void fp8WeightsHalveTheBytesAndUseTheFp8Rate() {
    StepCost bf16 = oneChip(Shapes.llama8b(), Precision.BF16).step(Batch.decode(1, 100));
    StepCost fp8 = oneChip(Shapes.llama8b(), Precision.FP8).step(Batch.decode(1, 100));

    // The output head stays in BF16 (DeepSeek-V3 §3.3.1): 128,256 x 4,096 x 2 bytes.
    double head = 128_256.0 * 4096 * 2;
    assertEquals((bf16.weightBytesPerChip() - head) / 2 + head, fp8.weightBytesPerChip(), 1.0,
        "1 byte a weight, the head's 2");
    assertTrue(fp8.picos() < 0.6 * bf16.picos(), "decode of few tokens follows the weight bytes");
  }

  @Test
  void aPrecisionTheChipLacksIsRefusedNamingTheFigure() {
    StepCostModel int8 = oneChip(Shapes.llama8b(), Precision.INT8);

    MissingFigureException e = assertThrows(MissingFigureException.class,
        () -> int8.step(Batch.prefill(10)));
    assertTrue(e.getMessage().contains("int8DenseOps"), e.getMessage());
  }

  @Test
  void aDecodeStepReadsOnlyTheExpertsItsTokensReach() {
    // Given 64 experts of top-4 spread over 8 chips (8 per chip): one token reaches 4 of 64
    // experts, so each chip reads 8 x 4/64 = 0.5 of an expert on average per layer.
    TransformerSpec model = Shapes.smallMoe();
    InstanceLayout ep8 = new InstanceLayout(1, 1, 8, 8);
    StepCostModel costs = new StepCostModel(model, ep8, Precision.BF16, Precision.BF16, H20,
        new LinkSpec(4.5e11, 1_000_000));
    long h = model.hiddenSize();
    double expertBytes = 3.0 * h * 1024 * 2;
    double attentionBytes = model.attention().projectionWeights(h) * 2.0;
    double routerBytes = 64.0 * h * 2;
    double head = 32_000.0 * h * 2;

    StepCost one = costs.step(Batch.decode(1, 10));
    StepCost many = costs.step(Batch.decode(4096, 10));

    assertEquals(8 * (attentionBytes + routerBytes + 0.5 * expertBytes) + head,
        one.weightBytesPerChip(), 1.0, "one token: 4/64 of the chip's 8 experts");
    // 4,096 tokens reach every expert but for (1 - 4/64)^4096, about 1e-115.
    assertEquals(8 * (attentionBytes + routerBytes + 8 * expertBytes) + head,
        many.weightBytesPerChip(), 1.0, "a large batch reads every expert of the chip");
    assertTrue(many.communicationPicos() > 2 * 2 * 8 * 1_000_000,
        "dispatch and combine per MoE layer, at least their latency");
  }

  @Test
  void kvCapacityIsTheHbmLeftAfterWeightsOverTheBytesOfAToken() {
    // Llama-3.1 8B BF16 on one 96 GB H20 with 90 % usable: (86.4 GB - weights) / 131,072 B.
    StepCostModel costs = oneChip(Shapes.llama8b(), Precision.BF16);
    double free = 9.6e10 * 0.9 - costs.weightBytesPerChip() - costs.activationBytesPerChip(8192, 256);

    assertEquals(131_072.0, costs.kvBytesPerTokenPerChip(), 0.0, "32 x 2 x 8 x 128 x 2 bytes");
    assertEquals((long) (free / 131_072), costs.kvCapacityTokens(9.6e10, 0.9, 8192, 256));
    assertThrows(IllegalArgumentException.class, () -> costs.kvCapacityTokens(1.6e10, 0.9, 8192, 256),
        "16 GB cannot hold 16 GB of weights and any KV");
  }

  @Test
  void tensorParallelismSplitsWeightsAndAddsTwoAllReducesPerLayer() {
    TransformerSpec model = Shapes.llama8b();
    StepCostModel tp4 = onLink(model, new InstanceLayout(4, 1, 1, 1));

    StepCost one = oneChip(model, Precision.BF16).step(Batch.decode(16, 1000));
    StepCost four = tp4.step(Batch.decode(16, 1000));

    assertEquals(one.weightBytesPerChip() / 4, four.weightBytesPerChip(), 1.0, "weights / tp");
    // Ring all-reduce of 16 tokens x 4096 x 2 bytes over 4 chips: 2(n-1)/n S/B + 2(n-1) alpha.
    double bytes = 16 * 4096 * 2;
    double ring = 2 * 3 / 4.0 * bytes / 4.5e11 * 1e12 + 2 * 3 * 2_000_000;
    assertEquals(2 * 32 * ring, four.communicationPicos(), 2 * 32,
        "two all-reduces per layer, each to its closed form within 1 ps of rounding");
  }

  @Test
  void dpAttentionOverExpertTensorParallelismGathersTheGroupsTokensTwicePerMoeLayer() {
    // Given the small MoE (8 MoE layers, h 4096) with attention in 8 DP groups of one chip and
    // every expert split over the 8 chips (ep 1, SGLang's --tp 8 --dp 8 --enable-dp-attention):
    // each MoE layer sums the zero-padded buffer of all 8 groups' tokens over the 8 chips
    // (SGLang's _dp_gather) and sums the experts' partial outputs again (the MoE's all-reduce).
    StepCostModel dp8 = onLink(Shapes.smallMoe(), new InstanceLayout(1, 1, 1, 8));

    StepCost step = dp8.step(Batch.decode(64, 1000));

    // Then: 2 x 8 ring all-reduces of 64 tokens x 4096 x 2 bytes over 8 chips, each
    // 2(n-1)/n S/B + 2(n-1) alpha, and nothing else.
    assertEquals(1, step.communication().size(), step.communication().toString());
    CommunicationDemand gather = step.communication().get(0);
    assertEquals(CommunicationDemand.Collective.ALL_REDUCE, gather.collective());
    assertEquals(CommunicationDemand.RankGroup.ATTENTION_DP, gather.group());
    assertEquals(2 * 8, gather.timesPerStep());
    double bytes = 64 * 4096 * 2;
    assertEquals(java.util.Collections.nCopies(8, (long) bytes), gather.bytesPerRank());
    assertEquals(8, gather.ranks());
    double ring = 2 * 7 / 8.0 * bytes / 4.5e11 * 1e12 + 2 * 7 * 2_000_000;
    assertEquals(2 * 8 * ring, step.communicationPicos(), 2 * 8,
        "two all-reduces per MoE layer, each to its closed form within 1 ps of rounding");
    // Experts spread whole over the same chips (ep 8) send tokens to them instead: no gather.
    StepCostModel ep8 = onLink(Shapes.smallMoe(), new InstanceLayout(1, 1, 8, 8));
    assertTrue(ep8.step(Batch.decode(64, 1000)).communication().stream()
        .noneMatch(d -> d.group() == CommunicationDemand.RankGroup.ATTENTION_DP));
    // A dense model has no expert layer to gather for.
    StepCostModel dense = onLink(Shapes.llama8b(), new InstanceLayout(1, 1, 1, 8));
    assertEquals(0, dense.step(Batch.decode(64, 1000)).communicationPicos());
  }
}
