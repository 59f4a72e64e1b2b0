package org.supernodesim.model.chip;

/**
 * One figure of a preset, in SI base units, with where it came from. A figure is never a bare
 * number: {@link Unknown} and {@link NotSupported} say why there is none.
 */
public sealed interface Figure {

  /** How far the figure can be trusted. */
  Confidence confidence();

  /** A value with its source. */
  record Known(double value, Confidence confidence, String source) implements Figure {
    public Known {
      if (!Double.isFinite(value) || value < 0) {
        throw new IllegalArgumentException("a figure must be finite and >= 0: " + value);
      }
      if (confidence == Confidence.UNKNOWN) {
        throw new IllegalArgumentException("a known figure cannot have confidence UNKNOWN");
      }
    }
  }

  /** No usable figure; {@code needed} names the document that would settle it. */
  record Unknown(String needed) implements Figure {
    @Override
    public Confidence confidence() {
      return Confidence.UNKNOWN;
    }
  }

  /** The chip does not have the capability (for example FP8 on an A100). */
  record NotSupported(String source) implements Figure {
    @Override
    public Confidence confidence() {
      return Confidence.PUBLISHED;
    }
  }
}
