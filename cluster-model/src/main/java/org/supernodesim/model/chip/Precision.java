package org.supernodesim.model.chip;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The arithmetic a compute operation runs in, and the chip figure that bounds its rate. */
public enum Precision {
  FP16(ChipFigure.FP16_DENSE_FLOPS, 16),
  BF16(ChipFigure.BF16_DENSE_FLOPS, 16),
  FP8(ChipFigure.FP8_DENSE_FLOPS, 8),
  INT8(ChipFigure.INT8_DENSE_OPS, 8),
  /**
   * NVIDIA's NVFP4: 4-bit E2M1 elements with one FP8 (E4M3) scale per block of 16, 4.5 bits an
   * element (NVIDIA, "Introducing NVFP4 for Efficient and Accurate Low-Precision Inference",
   * developer.nvidia.com blog, June 2025); multiplied at the chip's FP4 rate.
   */
  NVFP4(ChipFigure.FP4_DENSE_FLOPS, 4.5),
  /**
   * OCP MXFP4: E2M1 elements with one 8-bit power-of-two (E8M0) scale per block of 32, 4.25 bits
   * an element (OCP Microscaling Formats (MX) Specification v1.0, 2023); the chip's FP4 rate.
   */
  MXFP4(ChipFigure.FP4_DENSE_FLOPS, 4.25);

  private final ChipFigure peak;
  private final double bits;

  Precision(ChipFigure peak, double bits) {
    this.peak = peak;
    this.bits = bits;
  }

  /** The name in files: {@code fp16}, {@code bf16}, {@code fp8}, {@code int8}, {@code nvfp4}... */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The chip figure holding the dense peak rate in this precision. */
  public ChipFigure peak() {
    return peak;
  }

  /** Bits an element takes in memory, block scales included. */
  public double bits() {
    return bits;
  }

  /** Bytes an element takes in memory, block scales included (0.5625 for NVFP4). */
  public double bytes() {
    return bits / 8;
  }

  /** Whole bytes per element; refused for the block-scaled 4-bit formats, which use {@link #bytes}. */
  public int bytesPerElement() {
    if (bits % 8 != 0) {
      throw new IllegalStateException(label() + " packs " + bits + " bits an element, not whole"
          + " bytes; it is a weight precision for serving");
    }
    return (int) bits / 8;
  }
}
