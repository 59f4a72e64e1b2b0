package org.supernodesim.results.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import org.supernodesim.model.units.Units;

/**
 * Numbers as reports print them: four significant digits, {@link Locale#ROOT} (a point for the
 * decimal, no grouping), the unit beside the value. The same number always prints the same text.
 */
public final class ReportFormat {
  private static final MathContext FOUR_DIGITS = new MathContext(4);
  private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB"};

  private ReportFormat() {}

  private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P", "E"};

  /**
   * {@code value} to four significant digits without trailing zeros and never in scientific
   * notation (a person reads "63140", not "6.314e+04"): 343.8, 0.625, 1235000000. Large values with
   * a unit read better through {@link #quantity}.
   */
  public static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "n/a";
    }
    if (value == 0) {
      return "0";
    }
    return new BigDecimal(value).round(FOUR_DIGITS).stripTrailingZeros().toPlainString();
  }

  /**
   * A value in an SI unit with the decimal prefix that keeps it below 1000: {@code 9.894e14 flop/s}
   * prints "989.4 TFLOP/s", {@code 3.35e12 B/s} "3.35 TB/s", {@code 2.9e7 J} "29.01 MJ". Each text
   * is a spelling the scenario files accept back. Seconds go through {@link #seconds}.
   */
  public static String quantity(double value, String siUnit) {
    if ("s".equals(siUnit)) {
      return seconds(value);
    }
    String unit =
        switch (siUnit) {
          case "flop/s" -> "FLOP/s";
          case "op/s" -> "OP/s";
          default -> siUnit;
        };
    int prefix = prefixIndex(value);
    return number(value / Math.pow(1000, prefix)) + " " + PREFIXES[prefix] + unit;
  }

  /**
   * The unit {@link #quantity} prints {@code value} in, e.g. "MJ" for 6.2e5 J... 6.2e8 J, and the
   * factor it divides by (1e6), for an axis whose values all read in one unit.
   */
  public record Prefixed(String unit, double divisor) {}

  /** The prefixed unit {@link #quantity} would print {@code value} in. */
  public static Prefixed prefixed(double value, String siUnit) {
    int prefix = prefixIndex(value);
    return new Prefixed(PREFIXES[prefix] + siUnit, Math.pow(1000, prefix));
  }

  private static int prefixIndex(double value) {
    double magnitude = Math.abs(value);
    int prefix = 0;
    while (prefix < PREFIXES.length - 1 && magnitude >= 999.95) {
      magnitude /= 1000;
      prefix++;
    }
    return prefix;
  }

  /** A share as a percentage with at most four significant digits: 0.4801 prints "48.01 %". */
  public static String percent(double fraction) {
    return number(100 * fraction) + " %";
  }

  /**
   * A size in the unit family whose larger unit divides it exactly: binary (1 GiB, 1.5 GiB) for
   * 2^30-style buffers, decimal (2 GB) for vendor sizes, binary on a tie.
   */
  public static String bytes(long bytes) {
    boolean binary =
        exactUnits(bytes, Units.BYTES_PER_KIB) >= exactUnits(bytes, Units.BYTES_PER_KB);
    String[] units = binary ? BINARY : DECIMAL;
    long step = binary ? Units.BYTES_PER_KIB : Units.BYTES_PER_KB;
    double value = bytes;
    int unit = 0;
    while (Math.abs(value) >= step && unit < units.length - 1) {
      value /= step;
      unit++;
    }
    return number(value) + " " + units[unit];
  }

  /** How many times {@code step} divides {@code bytes} exactly (0 for 0 bytes). */
  private static int exactUnits(long bytes, long step) {
    int k = 0;
    while (bytes != 0 && bytes % step == 0) {
      bytes /= step;
      k++;
    }
    return k;
  }

  /** A bandwidth in GB/s (10^9 B/s), the unit nccl-tests and link datasheets use. */
  public static String gigabytesPerSecond(double bytesPerSecond) {
    return number(bytesPerSecond / Units.BYTES_PER_GB) + " GB/s";
  }

  /** A duration in the largest of s, ms, us, ns, ps that keeps it at or above 1. */
  public static String seconds(double seconds) {
    double magnitude = Math.abs(seconds);
    if (seconds == 0 || magnitude >= 1 || Double.isNaN(seconds)) {
      return number(seconds) + " s";
    } else if (magnitude >= 1e-3) {
      return number(seconds * 1e3) + " ms";
    } else if (magnitude >= 1e-6) {
      return number(seconds * 1e6) + " us";
    } else if (magnitude >= 1e-9) {
      return number(seconds * 1e9) + " ns";
    }
    return number(seconds * 1e12) + " ps";
  }

  /** A virtual-time duration. */
  public static String picos(long picos) {
    return seconds(Units.picosToSeconds(picos));
  }
}
