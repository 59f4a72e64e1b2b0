package org.supernodesim.workload.cost;

import java.util.Optional;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.units.Units;
import org.supernodesim.workload.graph.Kernel;
import org.supernodesim.workload.graph.Operation;

/**
 * The roofline (Williams, Waterman and Patterson, CACM 52(4), 2009) with calibrated efficiency: a
 * kernel takes as long as the slower of its arithmetic at the achievable rate for its kind and
 * shape and its memory traffic at the achievable HBM bandwidth. Peaks are the catalog's dense
 * figures; the achievable fractions are the chip's one {@link ComputeCalibration}. A GEMM in a
 * precision the calibration has a curve of its own for (FP8 where a published FP8 GEMM table
 * exists) takes that curve's compute efficiency and its bandwidth fraction; every other GEMM the
 * one matmul curve and the memory fraction.
 */
public final class ComputeCostModel {
  private final ChipSpec chip;
  private final ComputeCalibration calibration;
  private final double achievableBytesPerSecond;
  private final double hbmBytesPerSecond;

  /** The plain roofline at the catalog peaks. */
  public ComputeCostModel(ChipSpec chip) {
    this(chip, ComputeCalibration.ideal(chip.id()));
  }

  public ComputeCostModel(ChipSpec chip, ComputeCalibration calibration) {
    if (!calibration.chip().equals(chip.id())) {
      throw new IllegalArgumentException(
          "calibration of " + calibration.chip() + " used for chip " + chip.id());
    }
    this.chip = chip;
    this.calibration = calibration;
    this.hbmBytesPerSecond = chip.require(ChipFigure.HBM_BANDWIDTH);
    this.achievableBytesPerSecond = hbmBytesPerSecond * calibration.memory().bandwidthFraction();
  }

  public ComputeCalibration calibration() {
    return calibration;
  }

  /**
   * The time {@code op} holds the compute stream: a {@link Operation.Compute} or {@link
   * Operation.Kernels} priced by the roofline, a {@link Operation.Measured} its measured duration.
   *
   * @throws IllegalArgumentException for an operation that does not run on the compute stream
   */
  public long computeStreamPicos(Operation op) {
    if (op instanceof Operation.Compute c) {
      return durationPicos(c);
    } else if (op instanceof Operation.Kernels k) {
      return durationPicos(k);
    } else if (op instanceof Operation.Measured m) {
      return m.durationPicos();
    }
    throw new IllegalArgumentException(op.name() + " does not run on the compute stream");
  }

  /** True for the operations {@link #computeStreamPicos} prices. */
  public static boolean runsOnComputeStream(Operation op) {
    return op instanceof Operation.Compute
        || op instanceof Operation.Kernels
        || op instanceof Operation.Measured;
  }

  /** The duration of {@code op} on this chip at the catalog peaks, to the nearest picosecond. */
  public long durationPicos(Operation.Compute op) {
    double seconds = 0;
    if (op.flops() > 0) {
      seconds = op.flops() / chip.require(op.precision().peak());
    }
    if (op.bytes() > 0) {
      seconds = Math.max(seconds, op.bytes() / chip.require(ChipFigure.HBM_BANDWIDTH));
    }
    return Math.round(seconds * Units.PICOS_PER_SECOND);
  }

  /** The duration of a run of kernels: the sum of each kernel's calibrated roofline. */
  public long durationPicos(Operation.Kernels op) {
    double seconds = 0;
    for (Kernel k : op.kernels()) {
      seconds += seconds(k);
    }
    return Math.round(seconds * Units.PICOS_PER_SECOND);
  }

  /** Seconds of one kernel: max(flops / achievable rate, bytes / achievable bandwidth). */
  public double seconds(Kernel k) {
    double memory = k.bytes() / achievableBytesPerSecond;
    if (k.flops() == 0) {
      return memory;
    }
    double peak = chip.require(k.precision().peak());
    if (k.kind() == Kernel.Kind.MATMUL) {
      Optional<ComputeCalibration.GemmCurve> own = calibration.gemmCurve(k.precision());
      if (own.isPresent()) {
        ComputeCalibration.GemmCurve g = own.get();
        double stream = k.bytes() / (hbmBytesPerSecond * g.bandwidthFraction());
        return Math.max(k.flops() / (peak * g.efficiency(k.weightDimension())), stream);
      }
    }
    ComputeCalibration.Curve curve =
        k.kind() == Kernel.Kind.FUSED_ATTENTION ? calibration.fusedAttention() : calibration.matmul();
    double rate = peak * curve.efficiency(k.smallestDimension());
    return Math.max(k.flops() / rate, memory);
  }

  /**
   * Seconds of {@code kernels} memory-bound kernels moving {@code bytes} between them: their bytes
   * at the achievable HBM bandwidth, plus each kernel's latency where the calibration measures one
   * ({@code memory.kernelLatencyNanos}), which bounds kernels of few bytes, such as decode's
   * norms and quantisations of a few hundred tokens.
   */
  public double memoryKernelsSeconds(double bytes, int kernels) {
    return kernels * calibration.memory().kernelLatencySeconds() + bytes / achievableBytesPerSecond;
  }

  /**
   * Whether GEMMs in {@code precision} take a curve fitted per GEMM shape, so that a caller
   * holding several GEMMs of different shapes as one part should price each at its own.
   */
  public boolean pricesEachGemm(Precision precision) {
    return calibration.gemmCurve(precision).isPresent();
  }
}
