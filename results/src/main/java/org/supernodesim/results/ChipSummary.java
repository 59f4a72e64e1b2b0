package org.supernodesim.results;

import java.util.List;

/**
 * The chip a run simulated and how firm each of its figures is, so a report can say which numbers
 * rest on estimates or on the scenario's own values.
 */
public record ChipSummary(String preset, String name, List<FigureUse> figures) {
  public ChipSummary {
    figures = List.copyOf(figures);
  }

  /**
   * One figure: its key in the catalog, its SI value ({@code null} when unknown), unit, confidence
   * and source.
   */
  public record FigureUse(String key, Double value, String unit, String confidence, String source) {}
}
