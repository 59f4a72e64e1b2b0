package org.supernodesim.results.report.html;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.results.CollectiveBenchmarkResult;
import org.supernodesim.results.ServingResult;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.results.WorkloadResult;
import org.supernodesim.results.report.ReportFormat;
import org.supernodesim.results.report.SweepPoint;

/**
 * A serving sweep over the arrival rate, as throughput-latency curves: goodput (requests per second
 * within the SLO: the arrival rate times SLO attainment) and throughput against the offered rate,
 * and TTFT and TPOT p99 against output tokens per second. Drawn when a swept key names a rate and
 * at least two serving points ran.
 */
final class GoodputSection {
  private GoodputSection() {}

  /** A point's serving figures. */
  private record Served(double rate, ServingResult s) {}

  static String of(List<SweepPoint> points) {
    boolean overRate =
        points.stream()
            .flatMap(p -> p.parameters().keySet().stream())
            .anyMatch(k -> k.toLowerCase(Locale.ROOT).endsWith("rate"));
    List<Served> served = new ArrayList<>();
    for (SweepPoint p : points) {
      if (p.ok()) {
        ServingResult s = p.result().workload().match(new Serving());
        if (s != null) {
          served.add(new Served(s.arrivalRatePerSecond(), s));
        }
      }
    }
    if (!overRate || served.size() < 2) {
      return "";
    }
    served.sort(Comparator.comparingDouble(Served::rate));
    List<SvgCharts.XyPoint> goodput = new ArrayList<>();
    List<SvgCharts.XyPoint> throughput = new ArrayList<>();
    List<SvgCharts.XyPoint> ttft = new ArrayList<>();
    List<SvgCharts.XyPoint> tpot = new ArrayList<>();
    for (Served x : served) {
      double attainment = x.s().sloAttainment() == null ? 1 : x.s().sloAttainment().both();
      goodput.add(new SvgCharts.XyPoint(x.rate(), x.rate() * attainment));
      throughput.add(new SvgCharts.XyPoint(x.rate(), x.rate()));
      double tokens = x.s().outputTokensPerSecond();
      ttft.add(new SvgCharts.XyPoint(tokens, x.s().ttftSeconds().p99()));
      if (x.s().tpotSeconds() != null) {
        tpot.add(new SvgCharts.XyPoint(tokens, x.s().tpotSeconds().p99()));
      }
    }
    StringBuilder out =
        new StringBuilder("<h2>Throughput and latency against the arrival rate" + "</h2>\n");
    out.append(
        SeriesChart.draw(
            "Goodput (requests/s within the SLO) against the arrival rate",
            new SeriesChart.XAxis(
                new SvgCharts.Axis("arrival rate", "requests/s"),
                SvgCharts.Scale.Kind.LINEAR,
                ReportFormat::number),
            new SvgCharts.Axis("requests per second", "req/s"),
            List.of(
                new SeriesChart.Series("goodput", goodput, SeriesChart.Style.LINE_DOTS, 0),
                new SeriesChart.Series(
                    "all requests", throughput, SeriesChart.Style.DASHED_DOTS, 1)),
            List.of()));
    List<SeriesChart.Series> latency = new ArrayList<>();
    latency.add(new SeriesChart.Series("TTFT p99", ttft, SeriesChart.Style.LINE_DOTS, 0));
    if (!tpot.isEmpty()) {
      latency.add(new SeriesChart.Series("TPOT p99", tpot, SeriesChart.Style.LINE_DOTS, 2));
    }
    out.append(
        SeriesChart.draw(
            "Latency (p99) against throughput",
            new SeriesChart.XAxis(
                new SvgCharts.Axis("output tokens per second", "tokens/s"),
                SvgCharts.Scale.Kind.LINEAR,
                ReportFormat::number),
            new SvgCharts.Axis("latency p99", "s"),
            latency,
            List.of()));
    return out.toString();
  }

  /** A serving point's result; null for the other kinds. */
  private static final class Serving implements WorkloadResult.Cases<ServingResult> {
    @Override
    public ServingResult collectives(CollectiveBenchmarkResult c) {
      return null;
    }

    @Override
    public ServingResult training(TrainingResult t) {
      return null;
    }

    @Override
    public ServingResult serving(ServingResult s) {
      return s;
    }

    @Override
    public ServingResult replay(ReplayResult r) {
      return null;
    }
  }
}
