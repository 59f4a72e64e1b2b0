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
  TIMELINE("timeline");

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
