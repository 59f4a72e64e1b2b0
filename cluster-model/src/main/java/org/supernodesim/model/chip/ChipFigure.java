package org.supernodesim.model.chip;

/**
 * The figures of a chip that models use. Each is named in scenario files and in the catalog by
 * {@link #key()}, and held in SI base units ({@link #siUnit()}).
 */
public enum ChipFigure {
  FP16_DENSE_FLOPS("fp16DenseFlops", "flop/s"),
  BF16_DENSE_FLOPS("bf16DenseFlops", "flop/s"),
  FP8_DENSE_FLOPS("fp8DenseFlops", "flop/s"),
  INT8_DENSE_OPS("int8DenseOps", "op/s"),
  /** Dense FP4 tensor rate (Blackwell's NVFP4 and MXFP4 GEMMs). */
  FP4_DENSE_FLOPS("fp4DenseFlops", "flop/s"),
  HBM_CAPACITY("hbmCapacity", "B"),
  HBM_BANDWIDTH("hbmBandwidth", "B/s"),
  /** Scale-up (NVLink, UB, HCCS) bandwidth per chip, per direction. */
  SCALE_UP_BANDWIDTH_PER_DIRECTION("scaleUpBandwidthPerDirection", "B/s"),
  /** Scale-out NIC bandwidth per chip, per direction, in bytes per second (catalog: bits). */
  SCALE_OUT_BANDWIDTH_PER_CHIP("scaleOutNicBandwidthPerChip", "B/s"),
  TDP("tdp", "W"),
  /**
   * Streaming multiprocessors (or the chip's equivalent compute units): what a communication
   * kernel that holds some of them leaves to the GEMMs running beside it.
   */
  STREAMING_MULTIPROCESSORS("streamingMultiprocessors", "count");

  private final String key;
  private final String siUnit;

  ChipFigure(String key, String siUnit) {
    this.key = key;
    this.siUnit = siUnit;
  }

  /** The name of the figure in catalog and scenario files. */
  public String key() {
    return key;
  }

  /** The SI unit the value is held in. */
  public String siUnit() {
    return siUnit;
  }

  /** The figure named {@code key}, or empty. */
  public static java.util.Optional<ChipFigure> byKey(String key) {
    for (ChipFigure f : values()) {
      if (f.key.equals(key)) {
        return java.util.Optional.of(f);
      }
    }
    return java.util.Optional.empty();
  }
}
