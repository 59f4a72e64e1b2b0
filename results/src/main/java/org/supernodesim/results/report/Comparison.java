package org.supernodesim.results.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.supernodesim.results.RunResult;

/**
 * Runs side by side: one row per headline figure ({@link Headlines}: for training step time,
 * tokens/s, MFU, memory and whether it fits; for serving TTFT, TPOT, SLO attainment, tokens/s per
 * chip and cost per million output tokens; energy and cost for all), one column per run, and each
 * later run's ratio to the first (B/A: above 1 means more of the figure than A). A yes/no figure
 * has no ratio; a figure a run lacks shows an empty cell.
 */
public final class Comparison {
  private Comparison() {}

  /** The header: metric, each run's name, then "name / first" for each later run. */
  public static List<String> headers(List<String> names) {
    List<String> h = new ArrayList<>();
    h.add("metric");
    h.addAll(names);
    for (int i = 1; i < names.size(); i++) {
      h.add(names.get(i) + " / " + names.get(0));
    }
    return h;
  }

  /** The chip row, then one row per figure some run has, in the order they first appear. */
  public static List<List<String>> rows(List<RunResult> runs) {
    List<List<String>> rows = new ArrayList<>();
    List<String> chips = new ArrayList<>();
    chips.add("chip");
    runs.forEach(r -> chips.add(r.chip() == null ? "" : r.chip().name()));
    for (int i = 1; i < runs.size(); i++) {
      chips.add("");
    }
    rows.add(chips);
    List<String> time = new ArrayList<>();
    time.add("simulated time");
    runs.forEach(r -> time.add(ReportFormat.picos(r.simulatedPicos())));
    for (int i = 1; i < runs.size(); i++) {
      time.add(ratio((double) runs.get(0).simulatedPicos(), (double) runs.get(i).simulatedPicos()));
    }
    rows.add(time);
    // By label, in first-seen order: each run's figure of that label.
    Map<String, Headlines.Figure[]> byLabel = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      for (Headlines.Figure f : Headlines.of(runs.get(i))) {
        if (f.value() != null) {
          byLabel.computeIfAbsent(f.label(), k -> new Headlines.Figure[runs.size()])[i] = f;
        }
      }
    }
    byLabel.forEach(
        (label, figures) -> {
          List<String> row = new ArrayList<>();
          row.add(label);
          for (Headlines.Figure f : figures) {
            row.add(f == null ? "" : f.text());
          }
          for (int i = 1; i < figures.length; i++) {
            boolean both = figures[0] != null && figures[i] != null && figures[0].comparable();
            row.add(both ? ratio(figures[0].value(), figures[i].value()) : "");
          }
          rows.add(row);
        });
    return rows;
  }

  /** Rows of the decision box: the figures that tell the runs apart, with their ratios. */
  private static final int DECISION_ROWS = 10;

  /**
   * The question a comparison answers and, for up to ten figures every run has (the chip row
   * first), each later run's value against the first with their ratio.
   */
  public static Decision decision(List<String> headers, List<List<String>> rows) {
    int runs = headers.size() / 2; // metric, runs, then a ratio per later run
    List<String> names = headers.subList(1, 1 + runs);
    List<List<String>> answers = new ArrayList<>();
    for (List<String> row : rows) {
      if (answers.size() == DECISION_ROWS) {
        break;
      }
      List<String> values = row.subList(1, 1 + runs);
      if (values.stream().anyMatch(String::isEmpty)) {
        continue;
      }
      StringBuilder text = new StringBuilder(values.get(0));
      for (int i = 1; i < runs; i++) {
        String ratio = row.get(runs + i);
        text.append(" against ")
            .append(values.get(i))
            .append(ratio.isEmpty() ? "" : " (x" + ratio + ")");
      }
      answers.add(List.of(row.get(0), text.toString()));
    }
    return new Decision(
        "How do "
            + String.join(", ", names.subList(1, names.size()))
            + " compare with "
            + names.get(0)
            + "? (ratios: later run over the first)",
        answers);
  }

  private static String ratio(Double first, Double other) {
    return first == 0 ? "" : ReportFormat.number(other / first);
  }
}
