package org.supernodesim.results.report.html;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.results.report.ReportFormat;
import org.supernodesim.results.serving.LatencySeconds;
import org.supernodesim.results.ServingResult;

/** A serving run's part of the page: latency percentiles as charts, throughput and SLOs. */
final class ServingSection {
  private ServingSection() {}

  /** The section of the run's result. */
  static String of(ServingResult s) {
    StringBuilder out = new StringBuilder("<h2>Serving</h2>\n");
    List<List<String>> facts = new ArrayList<>();
    facts.add(List.of("requests", s.requestsCompleted() + " of " + s.requestsArrived()
        + " completed (" + s.source() + ")"));
    facts.add(List.of("output tokens per second", ReportFormat.number(s.outputTokensPerSecond())));
    facts.add(List.of("arrival rate", ReportFormat.number(s.arrivalRatePerSecond()) + " req/s"));
    if (s.sloAttainment() != null) {
      facts.add(List.of("SLO attainment (both targets)",
          ReportFormat.number(100 * s.sloAttainment().both()) + " %"));
    }
    out.append(HtmlTable.of(List.of("fact", "value"), facts));
    latency(out, "Time to first token", s.ttftSeconds());
    latency(out, "Time per output token", s.tpotSeconds());
    latency(out, "End-to-end latency", s.e2eSeconds());
    return out.toString();
  }

  /** One chart per latency: p50, p90, p99 and max of the completed requests, in milliseconds. */
  private static void latency(StringBuilder out, String title, LatencySeconds l) {
    if (l == null) {
      return;
    }
    out.append(
        SvgCharts.barChart(
            title + " percentiles",
            new SvgCharts.Axis("percentile", ""),
            new SvgCharts.Axis("latency", "ms"),
            List.of(
                new SvgCharts.Bar("p50", l.p50() * 1e3),
                new SvgCharts.Bar("p90", l.p90() * 1e3),
                new SvgCharts.Bar("p99", l.p99() * 1e3),
                new SvgCharts.Bar("max", l.max() * 1e3))));
  }
}
