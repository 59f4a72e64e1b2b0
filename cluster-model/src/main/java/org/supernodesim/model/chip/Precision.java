package org.supernodesim.model.chip;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The arithmetic a compute operation runs in, and the chip figure that bounds its rate. */
public enum Precision {
  FP16(ChipFigure.FP16_DENSE_FLOPS, 2),
  BF16(ChipFigure.BF16_DENSE_FLOPS, 2),
  FP8(ChipFigure.FP8_DENSE_FLOPS, 1),
  INT8(ChipFigure.INT8_DENSE_OPS, 1);

  private final ChipFigure peak;
  private final int bytesPerElement;

  Precision(ChipFigure peak, int bytesPerElement) {
    this.peak = peak;
    this.bytesPerElement = bytesPerElement;
  }

  /** The name in files: {@code fp16}, {@code bf16}, {@code fp8}, {@code int8}. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The chip figure holding the dense peak rate in this precision. */
  public ChipFigure peak() {
    return peak;
  }

  /** Bytes per element in this precision. */
  public int bytesPerElement() {
    return bytesPerElement;
  }
}
