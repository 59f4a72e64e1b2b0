package org.supernodesim.scenario.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.catalog.CatalogFigure;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;

/** Text for people: catalog values with readable units, and aligned tables. */
final class CatalogText {
  private static final String[] PREFIXES = {"", "k", "M", "G", "T", "P", "E"};

  private CatalogText() {}

  /**
   * A catalog value with a readable unit: 9.894e+14 flopsPerSecond -> "989.4 TFLOP/s", 4.0e+11
   * bitsPerSecond -> "400 Gb/s", 1.2e-06 seconds -> "1.2 us". Six significant digits: enough for
   * every figure as written, few enough to hide binary rounding (1.6 TiB/s = 1.75922 TB/s).
   */
  static String human(CatalogFigure figure) {
    if (figure.isUnknown()) {
      return "unknown";
    }
    if (figure.isNotSupported()) {
      return "not supported";
    }
    if (figure.number().isEmpty()) {
      return String.valueOf(figure.value());
    }
    double v = figure.number().getAsDouble();
    return switch (figure.unit()) {
      case "flopsPerSecond" -> prefixed(v, "FLOP/s");
      case "opsPerSecond" -> prefixed(v, "OP/s");
      case "bytes" -> prefixed(v, "B");
      case "bytesPerSecond" -> prefixed(v, "B/s");
      case "bitsPerSecond" -> prefixed(v, "b/s");
      case "watts" -> prefixed(v, "W");
      case "seconds" -> seconds(v);
      case "kilograms" -> number(v, 6) + " kg";
      case "count", "year", "ratio" -> number(v, 12);
      default -> number(v, 6) + " " + figure.unit();
    };
  }

  /** A value with an SI prefix chosen so that 1 <= mantissa < 1000. */
  static String prefixed(double v, String unit) {
    int k = 0;
    double m = v;
    while (Math.abs(m) >= 1000 && k < PREFIXES.length - 1) {
      m /= 1000;
      k++;
    }
    return number(m, 6) + " " + PREFIXES[k] + unit;
  }

  private static String seconds(double v) {
    if (v >= 1) {
      return number(v, 6) + " s";
    }
    if (v >= 1e-3) {
      return number(v * 1e3, 6) + " ms";
    }
    if (v >= 1e-6) {
      return number(v * 1e6, 6) + " us";
    }
    return number(v * 1e9, 6) + " ns";
  }

  /** {@code v} rounded to {@code digits} significant digits, without exponent or trailing 0s. */
  static String number(double v, int digits) {
    if (v == 0) {
      return "0";
    }
    return new BigDecimal(v)
        .round(new MathContext(digits))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** A table cell for a chip figure in {@code unit}, with the README's marks of trust. */
  static String cell(Figure figure, double unit) {
    if (figure instanceof Figure.Unknown) {
      return "unknown";
    }
    if (figure instanceof Figure.NotSupported) {
      return "n/s";
    }
    Figure.Known k = (Figure.Known) figure;
    return number(k.value() / unit, 4) + mark(k.confidence());
  }

  /** The README's marks: none for published, (r) reported, (e) estimated; (o) overridden. */
  static String mark(Confidence confidence) {
    return switch (confidence) {
      case PUBLISHED -> "";
      case REPORTED -> " (r)";
      case ESTIMATED -> " (e)";
      case OVERRIDDEN -> " (o)";
      case UNKNOWN -> " (?)";
    };
  }

  /** Six significant digits, scientific beyond a million: 9.894e14 -> "9.894E+14", 700 -> "700". */
  static String scientific(double v) {
    BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
    return Math.abs(v) >= 1e6 || (v != 0 && Math.abs(v) < 1e-3) ? d.toString() : d.toPlainString();
  }

  /** Rows as columns padded to their widest cell, two spaces apart; the first row is a header. */
  static List<String> table(List<List<String>> rows) {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        String cell = row.get(c);
        line.append(cell);
        if (c < columns - 1) {
          line.append(" ".repeat(widths[c] - cell.length() + 2));
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }
}
