package org.supernodesim.results.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import org.supernodesim.results.report.ReportFormat;

/**
 * Charts as inline {@code <svg>} elements: no script, no font or stylesheet to fetch, so a page
 * opens offline and the same data always draws the same bytes. Every chart has a title, both axes
 * with tick labels, and axis labels carrying their unit; all text is escaped.
 */
final class SvgCharts {
  static final int WIDTH = 640;
  static final int HEIGHT = 320;
  static final int LEFT = 72;
  static final int RIGHT = 16;
  static final int TOP = 48;
  static final int BOTTOM = 64;
  private static final int CURVE_SAMPLES = 64;

  /** Colour-blind-safe (Okabe–Ito), in the order series are given. */
  static final String[] COLOURS = {
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"
  };

  private SvgCharts() {}

  /** An axis: what it measures and in which unit, printed as "label (unit)". */
  record Axis(String label, String unit) {
    String text() {
      return unit == null || unit.isEmpty() ? label : label + " (" + unit + ")";
    }
  }

  /** One bar: its category label and its value in the y axis's unit, >= 0. */
  record Bar(String label, double value) {}

  /** One stacked bar: its category label and one value per series, in the series' order. */
  record Stack(String label, List<Double> values) {
    public Stack {
      values = List.copyOf(values);
    }
  }

  /** A measured point of a line chart. */
  record XyPoint(double x, double y) {}

  /** A fitted curve, drawn by sampling {@code function} across the x axis. */
  record Curve(String name, DoubleUnaryOperator function) {}

  /** One bar per entry, e.g. bus bandwidth per collective size, or utilisation per link tier. */
  public static String barChart(String title, Axis x, Axis y, List<Bar> bars) {
    List<Stack> stacks = new ArrayList<>(bars.size());
    for (Bar b : bars) {
      stacks.add(new Stack(b.label(), List.of(b.value())));
    }
    return stackedBarChart(title, x, y, List.of(), stacks);
  }

  /**
   * Bars split into series stacked bottom to top, e.g. per rank: compute, exposed communication,
   * idle. With no series names (a plain bar chart) no legend is drawn.
   */
  public static String stackedBarChart(
      String title, Axis x, Axis y, List<String> seriesNames, List<Stack> stacks) {
    return stackedBarChart(title, x, y, seriesNames, stacks, null);
  }

  /** A limit drawn across a bar chart as a dashed line, e.g. a chip's HBM capacity. */
  record Limit(String label, double value) {}

  /**
   * Stacked bars with a dashed horizontal line at {@code limit} (null for none), e.g. memory per
   * rank against the chip's capacity; the y axis reaches the line.
   */
  public static String stackedBarChart(
      String title, Axis x, Axis y, List<String> seriesNames, List<Stack> stacks, Limit limit) {
    double max = limit == null ? 0 : limit.value();
    for (Stack s : stacks) {
      if (!seriesNames.isEmpty() && s.values().size() != seriesNames.size()) {
        throw new IllegalArgumentException(
            s.label() + ": " + s.values().size() + " values for " + seriesNames.size() + " series");
      }
      double total = 0;
      for (double v : s.values()) {
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException(s.label() + ": a bar must be finite and >= 0: " + v);
        }
        total += v;
      }
      max = Math.max(max, total);
    }
    Scale ys = Scale.linear(0, max);
    StringBuilder svg = open(title);
    legend(svg, seriesNames, List.of());
    yAxis(svg, ys, y);
    int plotWidth = WIDTH - LEFT - RIGHT;
    double slot = stacks.isEmpty() ? plotWidth : (double) plotWidth / stacks.size();
    double barWidth = slot * 0.7;
    boolean slanted = stacks.size() > 8; // long runs of labels would overlap when level
    for (int i = 0; i < stacks.size(); i++) {
      Stack s = stacks.get(i);
      double left = LEFT + i * slot + (slot - barWidth) / 2;
      double base = 0;
      svg.append("<g>");
      for (int k = 0; k < s.values().size(); k++) {
        double v = s.values().get(k);
        double top = ys.toY(base + v);
        double bottom = ys.toY(base);
        String name = seriesNames.isEmpty() ? "" : seriesNames.get(k) + ": ";
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\">",
                left,
                top,
                barWidth,
                bottom - top,
                COLOURS[k % COLOURS.length]));
        svg.append("<title>")
            .append(Html.escape(s.label() + " " + name + ReportFormat.number(v) + " " + y.unit()))
            .append("</title></rect>");
        base += v;
      }
      double cx = left + barWidth / 2;
      double ty = HEIGHT - BOTTOM + 16;
      svg.append(
          slanted
              ? String.format(
                  Locale.ROOT,
                  "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"end\" transform=\"rotate(-35 %.2f"
                      + " %.2f)\">",
                  cx,
                  ty,
                  cx,
                  ty)
              : String.format(
                  Locale.ROOT, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"middle\">", cx, ty));
      svg.append(Html.escape(s.label())).append("</text></g>\n");
    }
    if (limit != null) {
      double py = ys.toY(limit.value());
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" stroke=\"#D55E00\""
                      + " stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>",
                  LEFT,
                  py,
                  WIDTH - RIGHT,
                  py))
          .append(
              Html.escape(
                  limit.label() + ": " + ReportFormat.number(limit.value()) + " " + y.unit()))
          .append("</title></line>")
          .append(
              String.format(
                  Locale.ROOT,
                  "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\" fill=\"#D55E00\">",
                  WIDTH - RIGHT,
                  py - 4))
          .append(Html.escape(limit.label()))
          .append("</text>\n");
    }
    xAxisLine(svg);
    xAxisLabel(svg, x);
    return close(svg);
  }

  /**
   * Measured points joined by a line, with fitted curves sampled across the x range, e.g. scaling
   * efficiency against chips with Amdahl's and the USL's curves. {@code logX} puts x on a base-2
   * logarithmic scale (chip counts that double); x values must then be > 0.
   */
  public static String lineChart(
      String title,
      Axis x,
      Axis y,
      String pointsName,
      List<XyPoint> points,
      List<Curve> curves,
      boolean logX) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException(title + ": a line chart needs at least one point");
    }
    double xMin = Double.POSITIVE_INFINITY;
    double xMax = Double.NEGATIVE_INFINITY;
    for (XyPoint p : points) {
      if (logX && !(p.x() > 0)) {
        throw new IllegalArgumentException(title + ": a log axis needs x > 0: " + p.x());
      }
      xMin = Math.min(xMin, p.x());
      xMax = Math.max(xMax, p.x());
    }
    Scale xs = logX ? Scale.log2(xMin, xMax) : Scale.linear(Math.min(0, xMin), xMax);
    List<double[]> curveValues = new ArrayList<>();
    double yMax = 0;
    for (XyPoint p : points) {
      yMax = Math.max(yMax, p.y());
    }
    for (Curve c : curves) {
      double[] values = new double[CURVE_SAMPLES + 1];
      for (int i = 0; i <= CURVE_SAMPLES; i++) {
        values[i] = c.function().applyAsDouble(xs.fromFraction((double) i / CURVE_SAMPLES));
        if (Double.isFinite(values[i])) {
          yMax = Math.max(yMax, values[i]);
        }
      }
      curveValues.add(values);
    }
    Scale ys = Scale.linear(0, yMax);
    StringBuilder svg = open(title);
    List<String> names = new ArrayList<>();
    names.add(pointsName);
    curves.forEach(c -> names.add(c.name()));
    legend(svg, names, List.of(0));
    yAxis(svg, ys, y);
    xTicks(svg, xs);
    for (int k = 0; k < curves.size(); k++) {
      StringBuilder d = new StringBuilder();
      double[] values = curveValues.get(k);
      boolean pen = false;
      for (int i = 0; i <= CURVE_SAMPLES; i++) {
        if (!Double.isFinite(values[i]) || values[i] < 0) {
          pen = false; // a model can leave the chart (a negative fit); lift the pen there
          continue;
        }
        double px = LEFT + (WIDTH - LEFT - RIGHT) * (double) i / CURVE_SAMPLES;
        double py = ys.toY(values[i]);
        d.append(String.format(Locale.ROOT, "%s%.2f %.2f ", pen ? "L" : "M", px, py));
        pen = true;
      }
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\""
                      + " stroke-dasharray=\"6 4\"><title>",
                  d.toString().trim(),
                  COLOURS[(k + 1) % COLOURS.length]))
          .append(Html.escape(curves.get(k).name()))
          .append("</title></path>\n");
    }
    StringBuilder line = new StringBuilder();
    StringBuilder dots = new StringBuilder();
    for (XyPoint p : points) {
      double px = xs.toX(p.x());
      double py = ys.toY(p.y());
      line.append(
          String.format(Locale.ROOT, "%s%.2f %.2f ", line.length() == 0 ? "M" : "L", px, py));
      dots.append(
              String.format(
                  Locale.ROOT,
                  "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"4\" fill=\"%s\"><title>",
                  px,
                  py,
                  COLOURS[0]))
          .append(
              Html.escape(
                  ReportFormat.number(p.x())
                      + " "
                      + x.unit()
                      + ": "
                      + ReportFormat.number(p.y())
                      + " "
                      + y.unit()))
          .append("</title></circle>\n");
    }
    svg.append(
            String.format(
                Locale.ROOT,
                "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
                line.toString().trim(),
                COLOURS[0]))
        .append(dots);
    xAxisLine(svg);
    xAxisLabel(svg, x);
    return close(svg);
  }

  /** A labelled point of a scatter chart; the label is its tooltip. */
  public record LabelledPoint(double x, double y, String label) {}

  /** Points of one colour; a {@code joined} series is drawn as a line in x order too. */
  public record Series(String name, List<LabelledPoint> points, boolean joined) {
    public Series {
      points = List.copyOf(points);
    }
  }

  /**
   * Points of several series on linear axes from 0, e.g. every layout a plan simulated with its
   * Pareto front joined. Series are drawn in order, so the last one is on top.
   */
  public static String scatterChart(String title, Axis x, Axis y, List<Series> series) {
    double xMax = 0;
    double yMax = 0;
    for (Series s : series) {
      for (LabelledPoint p : s.points()) {
        xMax = Math.max(xMax, p.x());
        yMax = Math.max(yMax, p.y());
      }
    }
    Scale xs = Scale.linear(0, xMax);
    Scale ys = Scale.linear(0, yMax);
    StringBuilder svg = open(title);
    List<String> names = new ArrayList<>();
    List<Integer> dotted = new ArrayList<>();
    for (int k = 0; k < series.size(); k++) {
      names.add(series.get(k).name());
      dotted.add(k);
    }
    legend(svg, names, dotted);
    yAxis(svg, ys, y);
    xTicks(svg, xs);
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      String colour = COLOURS[k % COLOURS.length];
      if (s.joined() && s.points().size() > 1) {
        StringBuilder d = new StringBuilder();
        s.points().stream()
            .sorted(java.util.Comparator.comparingDouble(LabelledPoint::x))
            .forEach(
                p ->
                    d.append(
                        String.format(
                            Locale.ROOT,
                            "%s%.2f %.2f ",
                            d.length() == 0 ? "M" : "L",
                            xs.toX(p.x()),
                            ys.toY(p.y()))));
        svg.append(
            String.format(
                Locale.ROOT,
                "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>\n",
                d.toString().trim(),
                colour));
      }
      for (LabelledPoint p : s.points()) {
        svg.append(
                String.format(
                    Locale.ROOT,
                    "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%d\" fill=\"%s\"><title>",
                    xs.toX(p.x()),
                    ys.toY(p.y()),
                    s.joined() ? 5 : 3,
                    colour))
            .append(
                Html.escape(
                    p.label()
                        + ": "
                        + ReportFormat.number(p.x())
                        + " "
                        + x.unit()
                        + ", "
                        + ReportFormat.number(p.y())
                        + " "
                        + y.unit()))
            .append("</title></circle>\n");
      }
    }
    xAxisLine(svg);
    xAxisLabel(svg, x);
    return close(svg);
  }

  static StringBuilder open(String title) {
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\""
                    + " height=\"%d\">",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT))
        .append("<title>")
        .append(Html.escape(title))
        .append("</title>\n")
        .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" class=\"chart-title\">", LEFT))
        .append(Html.escape(title))
        .append("</text>\n");
    return svg;
  }

  static String close(StringBuilder svg) {
    return svg.append("</svg>\n").toString();
  }

  /**
   * Series names in a row under the title; entries listed in {@code dotted} get a dot, not a dash.
   */
  static void legend(StringBuilder svg, List<String> names, List<Integer> dotted) {
    double x = LEFT;
    for (int k = 0; k < names.size(); k++) {
      String colour = COLOURS[k % COLOURS.length];
      if (dotted.contains(k)) {
        svg.append(
            String.format(
                Locale.ROOT, "<circle cx=\"%.2f\" cy=\"32\" r=\"4\" fill=\"%s\"/>", x + 5, colour));
      } else {
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.2f\" y=\"27\" width=\"10\" height=\"10\" fill=\"%s\"/>",
                x,
                colour));
      }
      svg.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"36\">", x + 14))
          .append(Html.escape(names.get(k)))
          .append("</text>\n");
      x += 24 + 7 * names.get(k).length(); // about 7 px per character at the page's 12 px font
    }
  }

  static void yAxis(StringBuilder svg, Scale ys, Axis y) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>\n",
            LEFT,
            TOP,
            LEFT,
            HEIGHT - BOTTOM));
    for (double tick : ys.ticks()) {
      double py = ys.toY(tick);
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\" class=\"grid\"/>"
                      + "<text x=\"%d\" y=\"%.2f\" text-anchor=\"end\">",
                  LEFT,
                  py,
                  WIDTH - RIGHT,
                  py,
                  LEFT - 6,
                  py + 4))
          .append(Html.escape(ReportFormat.number(tick)))
          .append("</text>\n");
    }
    int cy = (TOP + HEIGHT - BOTTOM) / 2;
    svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\""
                    + " class=\"axis-label\">",
                cy,
                cy))
        .append(Html.escape(y.text()))
        .append("</text>\n");
  }

  /** A tick and its value under the x axis at each of the scale's ticks. */
  static void xTicks(StringBuilder svg, Scale xs) {
    xTicks(svg, xs, ReportFormat::number);
  }

  /** A tick under the x axis at each of the scale's ticks, labelled by {@code label}. */
  static void xTicks(StringBuilder svg, Scale xs, java.util.function.DoubleFunction<String> label) {
    for (double tick : xs.ticks()) {
      double px = xs.toX(tick);
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%.2f\" y1=\"%d\" x2=\"%.2f\" y2=\"%d\" class=\"tick\"/>"
                      + "<text x=\"%.2f\" y=\"%d\" text-anchor=\"middle\">",
                  px,
                  HEIGHT - BOTTOM,
                  px,
                  HEIGHT - BOTTOM + 5,
                  px,
                  HEIGHT - BOTTOM + 18))
          .append(Html.escape(label.apply(tick)))
          .append("</text>\n");
    }
  }

  static void xAxisLine(StringBuilder svg) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>\n",
            LEFT,
            HEIGHT - BOTTOM,
            WIDTH - RIGHT,
            HEIGHT - BOTTOM));
  }

  static void xAxisLabel(StringBuilder svg, Axis x) {
    svg.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis-label\">",
                (LEFT + WIDTH - RIGHT) / 2,
                HEIGHT - 8))
        .append(Html.escape(x.text()))
        .append("</text>\n");
  }

  /** A mapping from data to a fraction of an axis, with its tick values. */
  record Scale(double min, double max, Kind kind, List<Double> ticks) {
    /** How values map to the axis. */
    enum Kind {
      LINEAR,
      LOG2,
      LOG10
    }

    /** From 0 (or {@code min}) up to a round number at or above {@code max}; 5 or so ticks. */
    static Scale linear(double min, double max) {
      double span = max - min;
      if (!(span > 0)) {
        span = max > 0 ? max : 1;
      }
      double raw = span / 5;
      double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
      double step = magnitude;
      for (double m : new double[] {1, 2, 2.5, 5, 10}) {
        step = m * magnitude;
        if (step >= raw) {
          break;
        }
      }
      double low = Math.floor(min / step) * step;
      double high = Math.max(low + step, Math.ceil(max / step) * step);
      List<Double> ticks = new ArrayList<>();
      long count = Math.round((high - low) / step);
      for (long i = 0; i <= count; i++) {
        ticks.add(low + i * step); // computed from the index, so no rounding error accumulates
      }
      return new Scale(low, high, Kind.LINEAR, ticks);
    }

    /** Powers of two around the data, thinned to at most 10 ticks. */
    static Scale log2(double min, double max) {
      int low = (int) Math.floor(Math.log(min) / Math.log(2));
      int high = (int) Math.ceil(Math.log(max) / Math.log(2));
      if (high == low) {
        high = low + 1;
      }
      int every = (high - low + 9) / 10;
      List<Double> ticks = new ArrayList<>();
      for (int e = low; e <= high; e += every) {
        ticks.add(Math.pow(2, e));
      }
      return new Scale(Math.pow(2, low), Math.pow(2, high), Kind.LOG2, ticks);
    }

    /** Powers of ten around the data (1, 2 and 5 times them when they are few). */
    static Scale log10(double min, double max) {
      int low = (int) Math.floor(Math.log10(min));
      int high = (int) Math.ceil(Math.log10(max));
      if (high == low) {
        high = low + 1;
      }
      List<Double> ticks = new ArrayList<>();
      for (int e = low; e <= high; e++) {
        double p = Math.pow(10, e);
        ticks.add(p);
        if (high - low <= 3 && e < high) {
          ticks.add(2 * p);
          ticks.add(5 * p);
        }
      }
      return new Scale(Math.pow(10, low), Math.pow(10, high), Kind.LOG10, ticks);
    }

    boolean logarithmic() {
      return kind != Kind.LINEAR;
    }

    double fraction(double value) {
      return logarithmic()
          ? (Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min))
          : (value - min) / (max - min);
    }

    double fromFraction(double f) {
      return logarithmic() ? min * Math.pow(max / min, f) : min + f * (max - min);
    }

    /** The horizontal pixel of {@code value}: the plot's left edge is the axis's start. */
    double toX(double value) {
      return LEFT + fraction(value) * (WIDTH - LEFT - RIGHT);
    }

    /** The vertical pixel of {@code value}: SVG's y grows downwards, so the start is the bottom. */
    double toY(double value) {
      return HEIGHT - BOTTOM - fraction(value) * (HEIGHT - BOTTOM - TOP);
    }
  }
}
