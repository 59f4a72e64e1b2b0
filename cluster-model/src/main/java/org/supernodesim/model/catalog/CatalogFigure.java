package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Objects;
import java.util.OptionalDouble;
import org.supernodesim.model.chip.Confidence;

/**
 * One figure as the catalog writes it, before any conversion: the value in the unit named by
 * {@code unit} (SI base units except {@code bitsPerSecond}), with its trust and source. Only the
 * trust is read as the models' {@link Confidence} as the file is bound, so that a level the
 * catalog does not define fails the file, not the first model to use the figure.
 *
 * @param value a number, the text {@value #UNKNOWN} or {@value #NOT_SUPPORTED}, or text where the
 *     unit is {@code text}
 * @param unit the catalog's unit name, for example {@code bytesPerSecond}
 * @param asQuoted the words of the source, where the value was converted from them
 * @param direction bandwidths: perDirection, bidirectional or unspecified
 * @param sparsity compute: dense, sparse or unspecified
 * @param confidence published, reported, estimated or unknown, as the file writes it
 * @param derivation how an estimated value was computed
 * @param needed for an unknown value, the document that would settle it
 * @param path latencies only: what the latency covers
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogFigure(
    Object value,
    String unit,
    String asQuoted,
    String direction,
    String sparsity,
    Confidence confidence,
    SourceRef source,
    String derivation,
    String note,
    String needed,
    String path) {
  public static final String UNKNOWN = "unknown";
  public static final String NOT_SUPPORTED = "notSupported";

  public CatalogFigure {
    // A figure without value, unit or confidence cannot say how far to trust it: reject the file.
    Objects.requireNonNull(value, "figure without value");
    Objects.requireNonNull(unit, "figure without unit");
    Objects.requireNonNull(confidence, "figure without confidence");
  }

  /** True if the catalog found no usable figure. */
  public boolean isUnknown() {
    return UNKNOWN.equals(value);
  }

  /** True if the part lacks the capability (for example FP8 on an A100). */
  public boolean isNotSupported() {
    return NOT_SUPPORTED.equals(value);
  }

  /** The value if it is a number, in the catalog's unit. */
  public OptionalDouble number() {
    return value instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
  }
}
