package org.supernodesim.scenario.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.graph.Kernel;

/**
 * The FP8 GEMM curve of the H800 and H100 SXM calibrations, recomputed from DeepGEMM's published
 * table ({@code calibration/deepgemm-h800-fp8.csv}, all 28 rows) by the procedure the files
 * state, and each row priced again by the product's cost model:
 *
 * <ul>
 *   <li>compute: least squares of peak / rate = 1 / f + (d0 / f) / d over the rows whose FLOPs per
 *       byte exceed twice the ridge point (peak / HBM bandwidth, 590), d = min(N, K), the smaller
 *       side of the weight;
 *   <li>memory: the geometric mean of the achieved fraction of the HBM peak over the rows below
 *       half the ridge point.
 * </ul>
 */
class DeepGemmFp8CurveTest {
  static final String TABLE = Calibrations.ROOT + "deepgemm-h800-fp8.csv";

  /** One row of the table: bytes as DeepGEMM counts them (FP8 inputs, BF16 output). */
  record Row(String layout, long groups, long m, long n, long k, double teraFlops, double gbps) {
    double flops() {
      return 2.0 * groups * m * n * k;
    }

    double bytes() {
      return groups * ((double) m * k + (double) n * k + 2.0 * m * n);
    }

    double seconds() {
      return flops() / (teraFlops * 1e12);
    }

    long dimension() {
      return Math.min(n, k);
    }

    @Override
    public String toString() {
      return layout + " " + groups + "x" + m + " N " + n + " K " + k;
    }
  }

  static List<Row> rows() throws IOException {
    List<Row> rows = new ArrayList<>();
    try (InputStream in = Calibrations.class.getClassLoader().getResourceAsStream(TABLE)) {
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (String line : lines) {
        if (line.startsWith("#") || line.startsWith("layout") || line.isBlank()) {
          continue;
        }
        String[] f = line.trim().split(",");
        rows.add(new Row(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
            Long.parseLong(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6])));
      }
    }
    return rows;
  }

  static final ChipSpec H800 = Catalog.standard().chip("nvidia-h800-sxm");
  static final double PEAK = H800.require(ChipFigure.FP8_DENSE_FLOPS);
  static final double HBM = H800.require(ChipFigure.HBM_BANDWIDTH);
  static final double RIDGE = PEAK / HBM;

  @Test
  void theTableIsWholeAndItsBandwidthColumnIsItsBytesOverItsTime() throws IOException {
    List<Row> rows = rows();
    assertEquals(28, rows.size());
    for (Row r : rows) {
      assertEquals(r.gbps(), r.bytes() / r.seconds() / 1e9, 0.0015 * r.gbps(), r.toString());
    }
  }

  @Test
  void theCalibrationsHoldTheFitOfTheTable() throws IOException {
    // Compute-bound rows: y = peak / rate against x = 1 / d, a straight line.
    double n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    double logFractions = 0;
    int memoryRows = 0;
    for (Row r : rows()) {
      double intensity = r.flops() / r.bytes();
      if (intensity > 2 * RIDGE) {
        double x = 1.0 / r.dimension();
        double y = PEAK / (r.teraFlops() * 1e12);
        n++;
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
      } else if (intensity < RIDGE / 2) {
        logFractions += Math.log(r.gbps() * 1e9 / HBM);
        memoryRows++;
      }
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double intercept = (sy - slope * sx) / n;
    double peakFraction = 1 / intercept;
    double halfDimension = slope / intercept;
    double bandwidthFraction = Math.exp(logFractions / memoryRows);
    assertEquals(10, n);
    assertEquals(12, memoryRows);
    for (String chip : List.of("nvidia-h800-sxm", "nvidia-h100-sxm")) {
      ComputeCalibration.GemmCurve c =
          Calibrations.of(chip).orElseThrow().gemmCurve(Precision.FP8).orElseThrow();
      String fit = String.format("%s: fit %.4f, %.1f, %.4f", chip, peakFraction, halfDimension,
          bandwidthFraction);
      // The files round to three digits.
      assertEquals(peakFraction, c.peakFraction(), 0.0005, fit);
      assertEquals(halfDimension, c.halfEfficiencyDimension(), 0.5, fit);
      assertEquals(bandwidthFraction, c.bandwidthFraction(), 0.0005, fit);
      assertEquals("deepgemm-h800-fp8.csv", c.table());
    }
  }

  @Test
  void theCurvePricesEveryRowOfTheTableWithinItsStatedError() throws IOException {
    ComputeCostModel model = new ComputeCostModel(H800,
        Calibrations.of("nvidia-h800-sxm").orElseThrow());
    List<String> report = new ArrayList<>();
    double worst = 0;
    double worstCompute = 0;
    double fastestNearRidge = 0;
    double slowestNearRidge = 0;
    for (Row r : rows()) {
      double seconds = model.seconds(
          new Kernel(Kernel.Kind.MATMUL, r.flops(), r.bytes(), r.dimension(), Precision.FP8));
      double error = seconds / r.seconds() - 1;
      double intensity = r.flops() / r.bytes();
      report.add(String.format("%s: %.0f TFLOPS published, %.0f modelled, time %+.3f", r,
          r.teraFlops(), r.flops() / seconds / 1e12, error));
      worst = Math.max(worst, Math.abs(error));
      if (intensity > 2 * RIDGE) {
        worstCompute = Math.max(worstCompute, Math.abs(error));
      } else if (intensity >= RIDGE / 2) {
        fastestNearRidge = Math.min(fastestNearRidge, error);
        slowestNearRidge = Math.max(slowestNearRidge, error);
      }
    }
    String figures = String.join("\n", report);
    // The compute-bound rows (prefill's GEMMs) within 5 % of their time; the memory-bound ones
    // (decode's at 64 and 128 rows) scatter as the table does (0.45-0.80 of the HBM peak at
    // similar bytes), the worst row 32 % fast; the rows near the ridge up to 18 % fast, where the
    // roofline's max hides what the kernels do not overlap.
    assertTrue(worstCompute <= 0.05, figures);
    assertEquals(0.319, worst, 0.005, figures);
    assertEquals(-0.181, fastestNearRidge, 0.005, figures);
    assertEquals(0.055, slowestNearRidge, 0.005, figures);
  }

  @Test
  void aBadEntryIsRefusedNamingTheFileLineAndKey() {
    String yaml = """
        schema: supernode-sim/compute-calibration/v1
        chip: nvidia-h100-sxm
        matmul: {peakFraction: 0.712, halfEfficiencyDimension: 128, confidence: estimated,
          sources: [x]}
        fusedAttention: {peakFraction: 0.55, halfEfficiencyDimension: 0, confidence: estimated,
          sources: [x]}
        memory: {bandwidthFraction: 0.8, confidence: estimated, sources: [x]}
        procedure: test
        fp8Matmul:
          peakFraction: 0.783
          halfEfficiencyDimension: 907
          bandwidthFraction: 1.3
          confidence: estimated
          table: deepgemm-h800-fp8.csv
          sources: [x]
        """;
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Calibrations.read(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "bad.yaml"));
    assertTrue(e.getMessage().startsWith("bad.yaml line "), e.getMessage());
    assertTrue(e.getMessage().contains("fp8Matmul.bandwidthFraction must be in (0, 1]: 1.3"),
        e.getMessage());
    String noTable = yaml.replace("bandwidthFraction: 1.3", "bandwidthFraction: 0.661")
        .replace("  table: deepgemm-h800-fp8.csv\n", "");
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> Calibrations.read(
            new ByteArrayInputStream(noTable.getBytes(StandardCharsets.UTF_8)), "bad.yaml"));
    assertTrue(missing.getMessage().contains("table"), missing.getMessage());
    // A confidence is one of the catalog's levels, named with the key that holds it.
    String measured = yaml.replace("bandwidthFraction: 1.3", "bandwidthFraction: 0.661")
        .replace("memory: {bandwidthFraction: 0.8, confidence: estimated",
            "memory: {bandwidthFraction: 0.8, confidence: measured");
    IllegalStateException level = assertThrows(IllegalStateException.class,
        () -> Calibrations.read(
            new ByteArrayInputStream(measured.getBytes(StandardCharsets.UTF_8)), "bad.yaml"));
    assertTrue(level.getMessage().matches("bad\\.yaml line 7, column \\d+: memory\\.confidence:"
        + " 'measured' is not a confidence; valid: published, reported, estimated, unknown"),
        level.getMessage());
  }
}
