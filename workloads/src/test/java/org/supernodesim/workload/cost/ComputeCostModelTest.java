package org.supernodesim.workload.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.graph.Operation;

/** The calibrated roofline: each kernel at its kind's efficiency for its shape. */
class ComputeCostModelTest {
  private static final ChipSpec CHIP = new ChipSpec("round", "a chip of round numbers", Map.of(
      ChipFigure.BF16_DENSE_FLOPS, new Figure.Known(1e15, Confidence.ESTIMATED, "test"),
      ChipFigure.HBM_BANDWIDTH, new Figure.Known(2e12, Confidence.ESTIMATED, "test")));
  private static final ComputeCalibration CALIBRATION = new ComputeCalibration(
      ComputeCalibration.SCHEMA, "round",
      new ComputeCalibration.Curve(0.8, 128, Confidence.ESTIMATED, List.of("test")),
      new ComputeCalibration.Curve(0.5, 0, Confidence.ESTIMATED, List.of("test")),
      new ComputeCalibration.Fraction(0.9, Confidence.ESTIMATED, List.of("test")), "test");

  @Test
  void kernelsAddUpEachAtItsKindsEfficiencyForItsShape() {
    // A 4096 x 4096 x 4096 GEMM: 2·4096³ flops at 0.8·4096/(4096+128) of 1 PFLOPS; its 3·4096²·2
    // bytes are far below the time it computes. Then 1 GB elementwise at 0.9·2 TB/s, and a
    // fused attention kernel of 1e12 flops at 0.5 PFLOPS.
    Kernel gemm = Kernel.matmul(1, 4096, 4096, 4096, Precision.BF16);
    Kernel elementwise = Kernel.elementwise(1e9);
    Kernel attention = new Kernel(Kernel.Kind.FUSED_ATTENTION, 1e12, 1e6, 128, Precision.BF16);
    Operation.Kernels op = new Operation.Kernels(0, List.of(), "layer",
        List.of(gemm, elementwise, attention));

    double gemmSeconds = 2.0 * Math.pow(4096, 3) / (1e15 * 0.8 * 4096 / (4096 + 128));
    double expected = gemmSeconds + 1e9 / (0.9 * 2e12) + 1e12 / (0.5 * 1e15);
    long picos = new ComputeCostModel(CHIP, CALIBRATION).durationPicos(op);
    assertEquals(expected * 1e12, picos, 3, "sum of three rooflines, within rounding");
  }

  @Test
  void aThinMatmulIsBoundByItsMemoryTraffic() {
    // 1 x 8192 x 8192: 1.3e8 flops but 8192² x 2 bytes of weights to read.
    Kernel gemv = Kernel.matmul(1, 1, 8192, 8192, Precision.BF16);
    double memory = (8192.0 * 8192 + 8192 + 8192) * 2 / (0.9 * 2e12);
    assertEquals(memory, new ComputeCostModel(CHIP, CALIBRATION).seconds(gemv), memory * 1e-12,
        "bytes over achievable bandwidth");
  }

  private static final ChipSpec FP8_CHIP = new ChipSpec("round8", "a chip of round numbers", Map.of(
      ChipFigure.BF16_DENSE_FLOPS, new Figure.Known(1e15, Confidence.ESTIMATED, "test"),
      ChipFigure.FP8_DENSE_FLOPS, new Figure.Known(2e15, Confidence.ESTIMATED, "test"),
      ChipFigure.HBM_BANDWIDTH, new Figure.Known(2e12, Confidence.ESTIMATED, "test")));
  private static final ComputeCalibration WITH_FP8 = new ComputeCalibration(
      ComputeCalibration.SCHEMA, "round8", CALIBRATION.matmul(), CALIBRATION.fusedAttention(),
      CALIBRATION.memory(), "test", new ComputeCalibration.GemmCurve(0.75, 1000, 0.6,
          Confidence.ESTIMATED, "table.csv", List.of("test")));

  @Test
  void anFp8GemmTakesTheFp8CurveReadAtItsWeightsSmallerSide() {
    // 8192 x 4096 x 2048 (m x n x k): the curve is read at min(n, k) = 2048, not at the rows.
    // 2·8192·4096·2048 flops at 0.75·2048/(2048 + 1000) of 2 PFLOPS; its (8192·2048 +
    // 2048·4096 + 8192·4096) one-byte elements at 0.6 of 2 TB/s take less.
    Kernel gemm = Kernel.matmul(1, 8192, 4096, 2048, Precision.FP8);
    double compute = 2.0 * 8192 * 4096 * 2048 / (2e15 * 0.75 * 2048 / (2048 + 1000));
    ComputeCostModel model = new ComputeCostModel(FP8_CHIP, WITH_FP8);
    assertEquals(compute, model.seconds(gemm), compute * 1e-12, "compute at the FP8 curve");
    assertEquals(136.37e-6, model.seconds(gemm), 0.01e-6, "the same in numbers");
    // 64 rows: the weight (7168 x 2048 bytes) streamed at 0.6 of HBM, the curve still read at
    // 2048 (at the rows, 64, it would be compute-bound at a tenth of that rate).
    Kernel thin = Kernel.matmul(1, 64, 7168, 2048, Precision.FP8);
    double stream = (64.0 * 2048 + 2048.0 * 7168 + 64.0 * 7168) / (0.6 * 2e12);
    assertEquals(stream, model.seconds(thin), stream * 1e-12, "weights over 0.6 of HBM");
    // A BF16 GEMM on the same calibration keeps the one matmul curve and the memory fraction.
    Kernel bf16 = Kernel.matmul(1, 4096, 4096, 4096, Precision.BF16);
    assertEquals(new ComputeCostModel(CHIP, CALIBRATION).seconds(bf16), model.seconds(bf16));
  }
}
