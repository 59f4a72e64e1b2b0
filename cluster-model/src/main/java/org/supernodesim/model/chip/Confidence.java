package org.supernodesim.model.chip;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How far a figure can be trusted; the catalog's confidence levels, plus overridden. Files write a
 * level in lower case ({@code estimated}); {@link #ofText} reads it, {@link #text} writes it.
 */
public enum Confidence {
  /** Stated by the vendor or in a peer-reviewed paper. */
  PUBLISHED,
  /** Stated by press, analysts, third-party papers or community compilations. */
  REPORTED,
  /** Derived by arithmetic from other figures, or an explicit assumption. */
  ESTIMATED,
  /** No usable figure: a scenario must supply it before a model may use it. */
  UNKNOWN,
  /** Given by the scenario in place of the catalog's figure. */
  OVERRIDDEN;

  /** What a file may write: every level but {@link #OVERRIDDEN}, which only a scenario makes. */
  private static final String VALID_TEXT = Arrays.stream(values())
      .filter(c -> c != OVERRIDDEN).map(Confidence::text).collect(Collectors.joining(", "));

  /**
   * The level a catalog or calibration file writes as {@code text}.
   *
   * @throws IllegalArgumentException naming the text and the valid levels
   */
  @JsonCreator
  public static Confidence ofText(String text) {
    if (text != null) {
      for (Confidence c : values()) {
        if (c != OVERRIDDEN && c.text().equals(text)) {
          return c;
        }
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not a confidence; valid: " + VALID_TEXT);
  }

  /** The level as files and reports write it: its name in lower case. */
  @JsonValue
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
