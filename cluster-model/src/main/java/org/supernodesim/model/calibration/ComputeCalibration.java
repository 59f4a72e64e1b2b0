package org.supernodesim.model.calibration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Precision;

/**
 * How much of a chip's peak its kernels reach: one calibration per chip, used by every scenario on
 * that chip, kept as a resource file with the measurements it rests on ({@code
 * calibration/<chip id>.yaml}). The efficiency of a matrix kernel whose smallest dimension is d is
 * {@code peakFraction · d / (d + halfEfficiencyDimension)}: large GEMMs approach the measured
 * best-case fraction, thin ones (attention heads of 64..192, few tokens per expert) fall off as
 * tiles go unfilled. Memory-bound kernels move their bytes at {@code memory.bandwidthFraction} of
 * the HBM peak.
 *
 * <p>GEMMs in FP8 have a curve of their own where a published FP8 GEMM measurement exists for the
 * chip ({@code fp8Matmul}): the one matmul curve rests on BF16 measurements, and DeepGEMM's
 * fine-grained-scaled FP8 kernels (the ones DeepSeek-V3 runs) reach other fractions of their peak.
 * Where it is absent, FP8 GEMMs take the one curve, as every other precision does.
 *
 * @param schema always {@value #SCHEMA}
 * @param chip the catalog id of the chip this calibrates
 * @param matmul dense GEMMs and batched GEMMs
 * @param fusedAttention FlashAttention-style fused attention kernels
 * @param memory memory-bound kernels
 * @param procedure how the figures were obtained, in words
 * @param fp8Matmul FP8 GEMMs, where a published FP8 GEMM measurement exists for the chip; null
 *     (absent from the file) otherwise
 * @param lowLatencyAllToAll the SM time of DeepEP's low-latency all-to-all kernels on this chip,
 *     where a measurement exists; null (absent from the file) otherwise
 */
public record ComputeCalibration(
    @JsonProperty(required = true) String schema,
    @JsonProperty(required = true) String chip,
    @JsonProperty(required = true) Curve matmul,
    @JsonProperty(required = true) Curve fusedAttention,
    @JsonProperty(required = true) Fraction memory,
    @JsonProperty(required = true) String procedure,
    @JsonInclude(JsonInclude.Include.NON_NULL) GemmCurve fp8Matmul,
    @JsonInclude(JsonInclude.Include.NON_NULL) LowLatencyAllToAll lowLatencyAllToAll) {
  public static final String SCHEMA = "supernode-sim/compute-calibration/v1";

  /** A calibration whose FP8 GEMMs take the one matmul curve. */
  public ComputeCalibration(
      String schema, String chip, Curve matmul, Curve fusedAttention, Fraction memory,
      String procedure) {
    this(schema, chip, matmul, fusedAttention, memory, procedure, null, null);
  }

  /** A calibration without a measurement of the low-latency all-to-all's SM time. */
  public ComputeCalibration(
      String schema, String chip, Curve matmul, Curve fusedAttention, Fraction memory,
      String procedure, GemmCurve fp8Matmul) {
    this(schema, chip, matmul, fusedAttention, memory, procedure, fp8Matmul, null);
  }

  public ComputeCalibration {
    if (!SCHEMA.equals(schema)) {
      throw new IllegalArgumentException(chip + ": schema " + schema + ", expected " + SCHEMA);
    }
  }

  /**
   * The GEMM curve of its own for {@code precision}, if the chip has one ({@code fp8Matmul} for
   * FP8); empty where GEMMs in that precision take the one {@link #matmul} curve.
   */
  public Optional<GemmCurve> gemmCurve(Precision precision) {
    return precision == Precision.FP8 ? Optional.ofNullable(fp8Matmul) : Optional.empty();
  }

  /** The same figures under another chip id (a reading of a preset is the same silicon). */
  public ComputeCalibration forChip(String chipId) {
    return new ComputeCalibration(
        schema, chipId, matmul, fusedAttention, memory, procedure, fp8Matmul, lowLatencyAllToAll);
  }

  /** Ideal kernels: the plain roofline at the catalog peaks, for chips without a calibration. */
  public static ComputeCalibration ideal(String chip) {
    Curve full = new Curve(
        1.0, 0, Confidence.ESTIMATED, List.of("no calibration: the plain roofline"));
    return new ComputeCalibration(
        SCHEMA, chip, full, full, new Fraction(1.0, Confidence.ESTIMATED, full.sources()),
        "none: peaks as published");
  }

  /**
   * An efficiency curve of one kernel kind.
   *
   * @param peakFraction the fraction of the dense peak a large kernel reaches, in (0, 1]
   * @param halfEfficiencyDimension the smallest dimension at which half of that is reached
   * @param confidence {@code reported} (a measurement), {@code estimated} (fitted or derived); the
   *     file writes it in lower case
   * @param sources the measurements and how the figure follows from them
   */
  public record Curve(
      @JsonProperty(required = true) double peakFraction,
      @JsonProperty(required = true) double halfEfficiencyDimension,
      @JsonProperty(required = true) Confidence confidence,
      @JsonProperty(required = true) List<String> sources) {
    public Curve {
      fraction("peakFraction", peakFraction);
      nonNegative("halfEfficiencyDimension", halfEfficiencyDimension);
      sources = List.copyOf(sources);
    }

    /** The fraction of peak reached by a kernel whose smallest dimension is {@code dimension}. */
    public double efficiency(long dimension) {
      return ComputeCalibration.efficiency(peakFraction, halfEfficiencyDimension, dimension);
    }
  }

  /**
   * GEMMs of one precision, fitted per GEMM shape to a published table of one library's kernels:
   * a kernel whose weight's smaller side is d computes at {@code peakFraction · d / (d +
   * halfEfficiencyDimension)} of the precision's dense peak and streams its bytes at {@code
   * bandwidthFraction} of the HBM peak, whichever takes longer. Unlike {@link Curve}, which is read
   * at the dimension the Megatron fit read it (a layer part's widest shard), it is read per GEMM,
   * as its table measures them.
   *
   * @param peakFraction the fraction of the dense peak a GEMM of large d reaches, in (0, 1]
   * @param halfEfficiencyDimension the d at which half of that is reached, {@code >= 0}
   * @param bandwidthFraction the fraction of the HBM peak a GEMM of few rows streams its weights
   *     at, in (0, 1]
   * @param confidence {@code reported} (a measurement), {@code estimated} (fitted or derived); the
   *     file writes it in lower case
   * @param table the measurements, a file beside the calibrations, with their source
   * @param sources the measurements and how the figures follow from them
   */
  public record GemmCurve(
      @JsonProperty(required = true) double peakFraction,
      @JsonProperty(required = true) double halfEfficiencyDimension,
      @JsonProperty(required = true) double bandwidthFraction,
      @JsonProperty(required = true) Confidence confidence,
      @JsonProperty(required = true) String table,
      @JsonProperty(required = true) List<String> sources) {
    public GemmCurve {
      fraction("fp8Matmul.peakFraction", peakFraction);
      fraction("fp8Matmul.bandwidthFraction", bandwidthFraction);
      nonNegative("fp8Matmul.halfEfficiencyDimension", halfEfficiencyDimension);
      if (table == null || table.isBlank() || sources == null || sources.isEmpty()) {
        throw new IllegalArgumentException(
            "fp8Matmul needs the table it was fitted to and its sources");
      }
      sources = List.copyOf(sources);
    }

    /** The fraction of the peak a GEMM whose weight's smaller side is {@code dimension} reaches. */
    public double efficiency(long dimension) {
      return ComputeCalibration.efficiency(peakFraction, halfEfficiencyDimension, dimension);
    }
  }

  /**
   * The SM time of an expert all-to-all's low-latency kernels (DeepEP's, with a receive hook),
   * which hold the compute stream while they post their token copies and while they unpack what
   * arrived, and none of it while the copies are in flight. Each send kernel takes {@code
   * sendNanosPerCopy} for every token copy it posts (one per token and chosen expert, back again
   * in the combine) besides its bytes; the bytes, the receive hooks' too, are memory-bound
   * kernels at the {@link #memory} figures.
   *
   * @param sendNanosPerCopy what posting one token copy adds to a send kernel, {@code >= 0}
   * @param confidence {@code reported} (a measurement), {@code estimated} (fitted or derived); the
   *     file writes it in lower case
   * @param sources the measurements and how the figure follows from them
   */
  public record LowLatencyAllToAll(
      @JsonProperty(required = true) double sendNanosPerCopy,
      @JsonProperty(required = true) Confidence confidence,
      @JsonProperty(required = true) List<String> sources) {
    public LowLatencyAllToAll {
      nonNegative("lowLatencyAllToAll.sendNanosPerCopy", sendNanosPerCopy);
      if (sources == null || sources.isEmpty()) {
        throw new IllegalArgumentException("lowLatencyAllToAll needs its sources");
      }
      sources = List.copyOf(sources);
    }
  }

  /**
   * A fraction of a peak with its sources, and where a per-kernel measurement exists, the time a
   * memory-bound kernel takes beyond its bytes.
   *
   * @param bandwidthFraction the fraction of the HBM peak that memory-bound kernels reach
   * @param kernelLatencyNanos what one memory-bound kernel takes besides moving its bytes (launch,
   *     grid ramp-up and tail, measured as the duration of kernels whose bytes take a negligible
   *     time); null (absent from the file) where no such measurement is at hand, which prices
   *     such kernels by their bytes alone
   */
  public record Fraction(
      @JsonProperty(required = true) double bandwidthFraction,
      @JsonProperty(required = true) Confidence confidence,
      @JsonProperty(required = true) List<String> sources,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double kernelLatencyNanos) {
    public Fraction {
      fraction("bandwidthFraction", bandwidthFraction);
      if (kernelLatencyNanos != null) {
        nonNegative("memory.kernelLatencyNanos", kernelLatencyNanos);
      }
      sources = List.copyOf(sources);
    }

    /** A fraction without a per-kernel latency. */
    public Fraction(double bandwidthFraction, Confidence confidence, List<String> sources) {
      this(bandwidthFraction, confidence, sources, null);
    }

    /** The per-kernel latency in seconds; 0 where the calibration has none. */
    public double kernelLatencySeconds() {
      return kernelLatencyNanos == null ? 0 : kernelLatencyNanos * 1e-9;
    }
  }

  private static double efficiency(double peakFraction, double halfDimension, long dimension) {
    if (halfDimension == 0) {
      return peakFraction;
    }
    return peakFraction * dimension / (dimension + halfDimension);
  }

  private static void fraction(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1]: " + value);
    }
  }

  private static void nonNegative(String name, double value) {
    if (!(value >= 0)) {
      throw new IllegalArgumentException(name + " must be >= 0: " + value);
    }
  }
}
