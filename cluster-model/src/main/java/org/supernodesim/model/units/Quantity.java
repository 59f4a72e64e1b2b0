package org.supernodesim.model.units;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of quantity a scenario file writes as text, each with its units and their factor to
 * the SI base unit (bytes, bytes per second, picoseconds, operations per second, watts).
 */
public enum Quantity {
  BYTES(
      "a size",
      units(
          "B", 1, "kB", Units.BYTES_PER_KB, "KB", Units.BYTES_PER_KB, "MB", Units.BYTES_PER_MB,
          "GB", Units.BYTES_PER_GB, "TB", Units.BYTES_PER_TB, "KiB", Units.BYTES_PER_KIB,
          "MiB", Units.BYTES_PER_MIB, "GiB", Units.BYTES_PER_GIB, "TiB", Units.BYTES_PER_TIB)),
  BANDWIDTH(
      "a bandwidth",
      units(
          "B/s", 1, "kB/s", 1e3, "MB/s", 1e6, "GB/s", 1e9, "TB/s", 1e12,
          "KiB/s", Units.BYTES_PER_KIB, "MiB/s", Units.BYTES_PER_MIB, "GiB/s", Units.BYTES_PER_GIB,
          "TiB/s", Units.BYTES_PER_TIB, "Mb/s", 1e6 / 8, "Gb/s", 1e9 / 8, "Tb/s", 1e12 / 8)),
  /** A span of time, in picoseconds. */
  TIME("a time", units("ps", 1, "ns", 1e3, "us", 1e6, "ms", 1e9, "s", 1e12)),
  /** A rate of arithmetic: floating-point operations (or integer ops) per second. */
  COMPUTE_RATE(
      "a compute rate",
      units(
          "FLOPS", 1, "GFLOPS", 1e9, "TFLOPS", 1e12, "PFLOPS", 1e15, "TOPS", 1e12, "POPS", 1e15)),
  POWER("a power", units("W", 1, "kW", 1e3, "MW", 1e6));

  private final String description;
  private final Map<String, Double> factors;

  Quantity(String description, Map<String, Double> factors) {
    this.description = description;
    this.factors = factors;
  }

  /** For example "a bandwidth". */
  public String description() {
    return description;
  }

  /** The units accepted, in the order they are listed in messages. */
  public Iterable<String> units() {
    return factors.keySet();
  }

  /**
   * Parses text such as {@code "392 GB/s"} into the SI base unit (picoseconds for time).
   *
   * @throws IllegalArgumentException saying what was found and which units are valid
   */
  public double parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int split = 0;
    while (split < trimmed.length() && "0123456789.eE+-_".indexOf(trimmed.charAt(split)) >= 0) {
      // an 'e' may also start a unit ("eB" is none of ours), so stop at a letter not followed by
      // a digit or sign
      if ((trimmed.charAt(split) == 'e' || trimmed.charAt(split) == 'E')
          && (split + 1 >= trimmed.length()
              || "0123456789+-".indexOf(trimmed.charAt(split + 1)) < 0)) {
        break;
      }
      split++;
    }
    String number = trimmed.substring(0, split).replace("_", "");
    String unit = trimmed.substring(split).trim();
    Double factor = factors.get(unit);
    if (number.isEmpty() || factor == null) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not " + description + "; write a number and one of "
              + String.join(" ", factors.keySet()));
    }
    double value;
    try {
      value = Double.parseDouble(number);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not " + description + ": \"" + number + "\" is not a number", e);
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("\"" + text + "\" is not a finite " + description);
    }
    return value * factor;
  }

  private static Map<String, Double> units(Object... unitsAndFactors) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < unitsAndFactors.length; i += 2) {
      map.put((String) unitsAndFactors[i], ((Number) unitsAndFactors[i + 1]).doubleValue());
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
