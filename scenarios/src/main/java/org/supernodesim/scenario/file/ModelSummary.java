package org.supernodesim.scenario.file;

import java.util.OptionalLong;

/**
 * A scenario's model with its parameters counted from the shape beside those the source or the
 * user states, as {@code catalog models} prints them for the catalog.
 *
 * @param keyPath the scenario key that names the model, e.g. {@code workload.training.model}
 * @param id the model's id in results
 * @param origin {@code catalog}, {@code inline} or the Hugging Face file read
 * @param totalParameters counted from the shape (MTP modules excluded)
 * @param activeParameters counted, what one token uses (input embedding included)
 * @param statedTotal the published or written total, if any
 * @param statedActive the published or written active count, if any
 */
public record ModelSummary(
    String keyPath,
    String id,
    String origin,
    long totalParameters,
    long activeParameters,
    OptionalLong statedTotal,
    OptionalLong statedActive) {

  /** One line: "KEY: ID (ORIGIN): 8.03 B parameters counted ...; stated 8.00 B (+0.38%)". */
  public String describe() {
    StringBuilder b = new StringBuilder(String.format("%s: %s (%s): %s parameters counted, %s"
        + " active", keyPath, id, origin, billions(totalParameters), billions(activeParameters)));
    if (statedTotal.isPresent() || statedActive.isPresent()) {
      b.append("; stated");
      statedTotal.ifPresent(t -> b.append(' ').append(billions(t)).append(difference(
          totalParameters, t)));
      statedActive.ifPresent(a -> b.append(statedTotal.isPresent() ? ", " : " ")
          .append(billions(a)).append(" active").append(difference(activeParameters, a)));
    } else {
      b.append("; no total stated");
    }
    return b.toString();
  }

  /** Billions to 0.01, or millions below a billion. */
  private static String billions(long count) {
    return count >= 1e9 ? String.format("%.2f B", count / 1e9)
        : String.format("%.1f M", count / 1e6);
  }

  private static String difference(long counted, long stated) {
    return String.format(" (%+.2f%%)", 100.0 * (counted / (double) stated - 1));
  }
}
