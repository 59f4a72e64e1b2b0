package org.supernodesim.model.calibration;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How much of a chip's peak its kernels reach: one calibration per chip, used by every scenario on
 * that chip, kept as a resource file with the measurements it rests on ({@code
 * calibration/<chip id>.yaml}). The efficiency of a matrix kernel whose smallest dimension is d is
 * {@code peakFraction · d / (d + halfEfficiencyDimension)}: large GEMMs approach the measured
 * best-case fraction, thin ones (attention heads of 64..192, few tokens per expert) fall off as
 * tiles go unfilled. Memory-bound kernels move their bytes at {@code memory.bandwidthFraction} of
 * the HBM peak.
 *
 * @param schema always {@value #SCHEMA}
 * @param chip the catalog id of the chip this calibrates
 * @param matmul dense GEMMs and batched GEMMs
 * @param fusedAttention FlashAttention-style fused attention kernels
 * @param memory memory-bound kernels
 * @param procedure how the figures were obtained, in words
 */
public record ComputeCalibration(
    @JsonProperty(required = true) String schema,
    @JsonProperty(required = true) String chip,
    @JsonProperty(required = true) Curve matmul,
    @JsonProperty(required = true) Curve fusedAttention,
    @JsonProperty(required = true) Fraction memory,
    @JsonProperty(required = true) String procedure) {
  public static final String SCHEMA = "supernode-sim/compute-calibration/v1";

  public ComputeCalibration {
    if (!SCHEMA.equals(schema)) {
      throw new IllegalArgumentException(chip + ": schema " + schema + ", expected " + SCHEMA);
    }
  }

  /** Ideal kernels: the plain roofline at the catalog peaks, for chips without a calibration. */
  public static ComputeCalibration ideal(String chip) {
    Curve full = new Curve(1.0, 0, "estimated", List.of("no calibration: the plain roofline"));
    return new ComputeCalibration(
        SCHEMA, chip, full, full, new Fraction(1.0, "estimated", full.sources()),
        "none: peaks as published");
  }

  /**
   * An efficiency curve of one kernel kind.
   *
   * @param peakFraction the fraction of the dense peak a large kernel reaches, in (0, 1]
   * @param halfEfficiencyDimension the smallest dimension at which half of that is reached
   * @param confidence {@code reported} (a measurement), {@code estimated} (fitted or derived)
   * @param sources the measurements and how the figure follows from them
   */
  public record Curve(
      @JsonProperty(required = true) double peakFraction,
      @JsonProperty(required = true) double halfEfficiencyDimension,
      @JsonProperty(required = true) String confidence,
      @JsonProperty(required = true) List<String> sources) {
    public Curve {
      fraction("peakFraction", peakFraction);
      if (!(halfEfficiencyDimension >= 0)) {
        throw new IllegalArgumentException(
            "halfEfficiencyDimension must be >= 0: " + halfEfficiencyDimension);
      }
      sources = List.copyOf(sources);
    }

    /** The fraction of peak reached by a kernel whose smallest dimension is {@code dimension}. */
    public double efficiency(long dimension) {
      if (halfEfficiencyDimension == 0) {
        return peakFraction;
      }
      return peakFraction * dimension / (dimension + halfEfficiencyDimension);
    }
  }

  /**
   * A fraction of a peak with its sources.
   *
   * @param bandwidthFraction the fraction of the HBM peak that memory-bound kernels reach
   */
  public record Fraction(
      @JsonProperty(required = true) double bandwidthFraction,
      @JsonProperty(required = true) String confidence,
      @JsonProperty(required = true) List<String> sources) {
    public Fraction {
      fraction("bandwidthFraction", bandwidthFraction);
      sources = List.copyOf(sources);
    }
  }

  private static void fraction(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in (0, 1]: " + value);
    }
  }
}
