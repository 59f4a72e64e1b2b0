package org.supernodesim.workload.inference;

import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The arrival half of a ServeGen client ({@code chunk-<n>-trace.csv}; alibaba/ServeGen, Xiang et
 * al., NSDI 2026): no header, one line per 600-second window, {@code start,rate,cv,family,shape,
 * scale}, e.g. {@code 600,0.0683,0.727,Gamma,1.89,7.87}; an idle window is {@code
 * 1200,0,0,,0,0}. Start is whole seconds from the data's time 0 (midnight of its first day),
 * rate requests per second, family Gamma (shape a, scale) or Weibull (shape c, scale).
 *
 * <p>A window's arrivals follow ServeGen's generator: n = ceil(rate x 600) gaps drawn from the
 * family, scaled so that they sum to the window's 600 s, arrivals at the window's start plus
 * their running sums; the last lands on the window's end and is dropped, as ServeGen drops it,
 * so a window holds n - 1 requests.
 */
final class ServeGenWindows {
  static final long WINDOW_SECONDS = 600;
  private static final long PICOS_PER_SECOND = 1_000_000_000_000L;

  /** How a window's gaps are distributed. */
  enum Family {
    GAMMA("Gamma"),
    WEIBULL("Weibull"),
    /** A window without requests (rate 0, the family left empty). */
    IDLE("");

    private final String label;

    Family(String label) {
      this.label = label;
    }

    static Family named(String label, int line) {
      for (Family f : values()) {
        if (f.label.equals(label)) {
          return f;
        }
      }
      throw new TraceException(line, "family", "\"" + label + "\" is not an arrival family;"
          + " valid: Gamma, Weibull, or empty for an idle window");
    }
  }

  /** One window: its start, rate and gap distribution. */
  record Window(long startSeconds, double rate, Family family, double shape, double scale) {
    long startPicos() {
      return startSeconds * PICOS_PER_SECOND;
    }

    long endPicos() {
      return (startSeconds + WINDOW_SECONDS) * PICOS_PER_SECOND;
    }

    /** The window's arrivals in picoseconds from the data's time 0, in order. */
    long[] arrivals(SplittableRandom random) {
      if (family == Family.IDLE || rate == 0) {
        return new long[0];
      }
      int n = (int) Math.ceil(rate * WINDOW_SECONDS);
      double[] sums = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += family == Family.GAMMA
            ? Gaussian.gamma(random, shape) * scale
            : scale * StrictMath.pow(-StrictMath.log(1.0 - random.nextDouble()), 1 / shape);
        sums[i] = sum;
      }
      long[] out = new long[n];
      int kept = 0;
      for (int i = 0; i < n; i++) {
        long at = startPicos() + Math.round(sums[i] / sum * WINDOW_SECONDS * PICOS_PER_SECOND);
        if (at < endPicos()) {
          out[kept++] = at;
        }
      }
      return java.util.Arrays.copyOf(out, kept);
    }
  }

  private ServeGenWindows() {}

  /**
   * The windows of {@code in}, in order.
   *
   * @throws TraceException for a bad line: its line, the column by name, what is wrong
   */
  static List<Window> read(Reader in) {
    List<Window> windows = new ArrayList<>();
    CsvTable.readRows(in, (line, cells) -> {
      if (cells.size() != 6) {
        throw new TraceException(line, cells.size() + " cells; a ServeGen window line has 6:"
            + " start, rate, cv, family, shape, scale");
      }
      long start = wholeSeconds(cells.get(0), line);
      if (!windows.isEmpty()
          && start != windows.get(windows.size() - 1).startSeconds() + WINDOW_SECONDS) {
        throw new TraceException(line, "start", start + " s; windows follow each other every "
            + WINDOW_SECONDS + " s");
      }
      double rate = number(cells.get(1), "rate", line);
      Family family = Family.named(cells.get(3).strip(), line);
      double shape = number(cells.get(4), "shape", line);
      double scale = number(cells.get(5), "scale", line);
      if (family == Family.IDLE && rate != 0) {
        throw new TraceException(line, "family", "empty, but the rate is " + rate + " requests/s");
      }
      if (family != Family.IDLE && rate > 0 && !(shape > 0 && scale > 0)) {
        throw new TraceException(line, "shape", String.format(Locale.ROOT,
            "%s needs shape > 0 and scale > 0, got %s and %s", family.label, shape, scale));
      }
      windows.add(new Window(start, rate, family, shape, scale));
    });
    if (windows.isEmpty()) {
      throw new TraceException(1, "no window lines");
    }
    return windows;
  }

  /** True if {@code cells} read as a window line (for telling the format from its first line). */
  static boolean looksLikeAWindow(List<String> cells) {
    if (cells.size() != 6) {
      return false;
    }
    try {
      Family.named(cells.get(3), 1);
      wholeSeconds(cells.get(0), 1);
      for (int i : new int[] {1, 2, 4, 5}) {
        number(cells.get(i), "value", 1);
      }
      return true;
    } catch (TraceException e) {
      return false;
    }
  }

  private static long wholeSeconds(String text, int line) {
    try {
      long s = Long.parseLong(text.strip());
      if (s < 0 || s > 9_000_000) {
        throw new TraceException(line, "start", s + " s; a window starts 0 to 9,000,000 s in");
      }
      return s;
    } catch (NumberFormatException e) {
      throw new TraceException(line, "start", "\"" + text + "\" is not whole seconds");
    }
  }

  private static double number(String text, String column, int line) {
    try {
      double v = Double.parseDouble(text.strip());
      if (!Double.isFinite(v) || v < 0) {
        throw new TraceException(line, column, text + " is not a finite number >= 0");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new TraceException(line, column, "\"" + text + "\" is not a number");
    }
  }
}
