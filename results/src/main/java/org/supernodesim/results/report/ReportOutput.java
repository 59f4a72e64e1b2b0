package org.supernodesim.results.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** The files a scenario's {@code report:} may ask for; result.json is always written. */
public enum ReportOutput {
  /** result.json, the source every other file is drawn from. */
  JSON("json"),
  /** report.md: Markdown tables. */
  MD("md"),
  /** report.html: one self-contained page with charts. */
  HTML("html"),
  /** results.csv: a sweep's table, one row per point. */
  CSV("csv"),
  /** timeline.json: each chip's activity in Chrome trace format (Perfetto). */
  TIMELINE("timeline"),
  /** timeline.json.gz: the same trace gzipped, which both viewers open directly. */
  TIMELINE_GZ("timeline-gz"),
  /** requests.csv: a serving run's requests, one row each (arrival, tokens, latencies). */
  REQUESTS("requests"),
  /** ttft.hgrm, tpot.hgrm, e2e.hgrm: a serving run's latency histograms (HdrHistogram, ms). */
  HGRM("hgrm");

  /** What a scenario without {@code report:} writes: everything but the timeline. */
  public static final List<ReportOutput> DEFAULT = List.of(JSON, MD, HTML, CSV);

  private final String label;

  ReportOutput(String label) {
    this.label = label;
  }

  /** The name in files: {@code json}, {@code md}, ... */
  @JsonValue
  public String label() {
    return label;
  }
}
