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
          decimal("B", 1),
          ordered("KB", 1e3), // as some datasheets write kilobytes
          ordered(
              "KiB", Units.BYTES_PER_KIB, "MiB", Units.BYTES_PER_MIB, "GiB", Units.BYTES_PER_GIB,
              "TiB", Units.BYTES_PER_TIB))),
  /**
   * Bytes per second; bits are written with a lower-case b ({@code Gb/s}) or as {@code Gbps}, the
   * way network vendors print them, and divided by 8.
   */
  BANDWIDTH(
      "a bandwidth",
      units(
          decimal("B/s", 1),
          ordered(
              "KiB/s", Units.BYTES_PER_KIB, "MiB/s", Units.BYTES_PER_MIB,
              "GiB/s", Units.BYTES_PER_GIB, "TiB/s", Units.BYTES_PER_TIB),
          decimal("b/s", 1.0 / Units.BITS_PER_BYTE),
          decimal("bps", 1.0 / Units.BITS_PER_BYTE))),
  /**
   * A span of time, in picoseconds. Microseconds are {@code us}, {@code µs} (U+00B5, the micro
   * sign) or {@code μs} (U+03BC, the Greek letter): keyboards and fonts differ.
   */
  TIME(
      "a time",
      units(
          ordered("ps", 1, "ns", 1e3, "us", 1e6, "\u00b5s", 1e6, "\u03bcs", 1e6, "ms", 1e9,
              "s", 1e12))),
  /**
   * A rate of arithmetic: floating-point operations (or integer ops) per second, as datasheets
   * write it ({@code TFLOPS}, {@code TOPS}) and as this tool prints it ({@code TFLOP/s}, {@code
   * flop/s}).
   */
  COMPUTE_RATE(
      "a compute rate",
      units(
          decimal("FLOPS", 1), decimal("FLOP/s", 1), ordered("flop/s", 1), decimal("OPS", 1),
          decimal("OP/s", 1))),
  POWER("a power", units(decimal("W", 1)));

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

  /** {@code unit} with each SI prefix, in order: "B", "kB", ..., "EB". */
  private static Map<String, Double> decimal(String unit, double factor) {
    Map<String, Double> map = new LinkedHashMap<>();
    double f = factor;
    // SI prefixes from none to exa, as the tool prints them (kB, TFLOP/s). A local array: an
    // enum's static fields are not yet set while its constants are built.
    for (String prefix : new String[] {"", "k", "M", "G", "T", "P", "E"}) {
      map.put(prefix + unit, f);
      f *= 1000;
    }
    return map;
  }

  private static Map<String, Double> ordered(Object... unitsAndFactors) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < unitsAndFactors.length; i += 2) {
      map.put((String) unitsAndFactors[i], ((Number) unitsAndFactors[i + 1]).doubleValue());
    }
    return map;
  }

  @SafeVarargs
  private static Map<String, Double> units(Map<String, Double>... groups) {
    Map<String, Double> map = new LinkedHashMap<>();
    for (Map<String, Double> group : groups) {
      group.forEach((unit, factor) -> {
        if (map.put(unit, factor) != null) {
          throw new IllegalStateException("unit " + unit + " listed twice");
        }
      });
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
