package org.supernodesim.results.report.html;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.report.ReportFormat;
import org.supernodesim.results.report.RunTables;
import org.supernodesim.results.serving.InstanceSeries;
import org.supernodesim.results.serving.LatencyCdf;
import org.supernodesim.results.serving.ServingSeries;

/**
 * A serving run's part of the page: its figures; the cumulative distributions (CDFs) of TTFT, TPOT
 * and end-to-end latency with the SLO targets drawn across them; the time series of arrivals,
 * waiting requests, running batch, KV-cache use and busy share per instance; and a table per
 * instance. Each chart appears when the result has its data.
 */
final class ServingSection {
  /** Instances drawn in a time series; more would be lines nobody can tell apart. */
  static final int MOST_INSTANCES = 8;

  private ServingSection() {}

  /** The section of the run's result. */
  static String of(ServingResult s) {
    StringBuilder out = new StringBuilder("<h2>Serving</h2>\n");
    out.append(HtmlReport.table(RunTables.serving(s)));
    LatencyCdf cdf = s.latencyCdf();
    ServingResult.SloAttainment slo = s.sloAttainment();
    if (cdf != null) {
      out.append("<h3>Latency: cumulative distributions (CDF) against the SLO</h3>\n");
      out.append(
          cdf(
              "TTFT (time to first token)",
              cdf.fractions(),
              cdf.ttftSeconds(),
              slo == null ? null : slo.ttftTargetSeconds(),
              "TTFT"));
      out.append(
          cdf(
              "TPOT (time per output token)",
              cdf.fractions(),
              cdf.tpotSeconds(),
              slo == null ? null : slo.tpotTargetSeconds(),
              "TPOT"));
      out.append(cdf("End-to-end latency", cdf.fractions(), cdf.e2eSeconds(), null, ""));
    }
    out.append(HtmlReport.table(RunTables.servingLatency(s)));
    if (s.timeSeries() != null && s.timeSeries().buckets() > 0) {
      out.append(timeSeries(s));
    }
    if (!s.instances().isEmpty()) {
      out.append(HtmlReport.table(RunTables.servingInstances(s)));
    }
    return out.toString();
  }

  /** One latency's CDF on a log axis, the SLO target (if set) and p50, p99 drawn across it. */
  private static String cdf(
      String title, List<Double> fractions, List<Double> seconds, Double target, String name) {
    if (seconds.isEmpty()) {
      return "";
    }
    List<SvgCharts.XyPoint> points = new ArrayList<>();
    for (int i = 0; i < seconds.size(); i++) {
      points.add(new SvgCharts.XyPoint(seconds.get(i), fractions.get(i)));
    }
    List<SeriesChart.Rule> rules = new ArrayList<>();
    rules.add(new SeriesChart.Rule("p50", 0.5, false));
    rules.add(new SeriesChart.Rule("p99", 0.99, false));
    if (target != null) {
      rules.add(
          new SeriesChart.Rule(
              "SLO: " + name + " <= " + ReportFormat.seconds(target), target, true));
    }
    return SeriesChart.draw(
        title + ": cumulative distribution (CDF)" + (target == null ? "" : ", SLO"),
        new SeriesChart.XAxis(
            new SvgCharts.Axis("latency", "s, log scale"),
            SvgCharts.Scale.Kind.LOG10,
            ReportFormat::number),
        new SvgCharts.Axis("share of requests", "cumulative"),
        List.of(new SeriesChart.Series("completed requests", points, SeriesChart.Style.STEPS, 0)),
        rules);
  }

  /** Arrivals in all, then per instance: waiting, running, KV use and busy share over time. */
  private static String timeSeries(ServingResult s) {
    ServingSeries series = s.timeSeries();
    StringBuilder out = new StringBuilder("<h3>Over time, per instance</h3>\n");
    List<InstanceSeries> shown =
        series.instances().subList(0, Math.min(MOST_INSTANCES, series.instances().size()));
    if (shown.size() < series.instances().size()) {
      out.append("<p class=\"note\">")
          .append("The first ")
          .append(MOST_INSTANCES)
          .append(" of ")
          .append(series.instances().size())
          .append(" instances; the table below has every one.</p>\n");
    }
    out.append("<p class=\"note\">Means over buckets of ")
        .append(Html.escape(ReportFormat.seconds(series.bucketSeconds())))
        .append(".</p>\n");
    List<Integer> entry = new ArrayList<>();
    s.instances().stream().filter(i -> !i.role().equals("decode")).forEach(i -> entry.add(i.id()));
    List<Long> arrivals = series.arrivals(entry);
    List<SvgCharts.XyPoint> rate = new ArrayList<>();
    for (int b = 0; b < arrivals.size(); b++) {
      rate.add(new SvgCharts.XyPoint(mid(series, b), arrivals.get(b) / series.bucketSeconds()));
    }
    out.append(
        chart(
            "Arrivals",
            "arrivals",
            "requests/s",
            List.of(new SeriesChart.Series("all instances", rate, SeriesChart.Style.LINE, 0))));
    out.append(
        chart(
            "Requests waiting to be admitted",
            "waiting",
            "requests",
            perInstance(series, shown, InstanceSeries::queued, 1)));
    out.append(
        chart(
            "Running batch (requests admitted, holding KV)",
            "running",
            "requests",
            perInstance(series, shown, InstanceSeries::running, 1)));
    out.append(
        chart(
            "KV cache in use",
            "KV cache in use",
            "%",
            perInstance(series, shown, InstanceSeries::kvUtilisation, 100)));
    out.append(
        chart(
            "Utilisation (share of time in steps)",
            "busy",
            "%",
            perInstance(series, shown, InstanceSeries::busy, 100)));
    return out.toString();
  }

  private static List<SeriesChart.Series> perInstance(
      ServingSeries series,
      List<InstanceSeries> shown,
      Function<InstanceSeries, List<Double>> values,
      double scale) {
    List<SeriesChart.Series> lines = new ArrayList<>();
    for (InstanceSeries i : shown) {
      List<SvgCharts.XyPoint> points = new ArrayList<>();
      List<Double> v = values.apply(i);
      for (int b = 0; b < v.size(); b++) {
        points.add(new SvgCharts.XyPoint(mid(series, b), scale * v.get(b)));
      }
      lines.add(
          new SeriesChart.Series(
              "instance " + i.instance(), points, SeriesChart.Style.LINE, i.instance()));
    }
    return lines;
  }

  private static String chart(
      String title, String yLabel, String unit, List<SeriesChart.Series> lines) {
    return SeriesChart.draw(
        title + " over time",
        new SeriesChart.XAxis(
            new SvgCharts.Axis("time in the run", "s"),
            SvgCharts.Scale.Kind.LINEAR,
            ReportFormat::number),
        new SvgCharts.Axis(yLabel, unit),
        lines,
        List.of());
  }

  /** The middle of bucket {@code b}, in seconds. */
  private static double mid(ServingSeries series, int b) {
    return series.startSeconds(b) + series.bucketSeconds() / 2;
  }
}
