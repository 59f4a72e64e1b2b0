package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.supernodesim.model.chip.Confidence;

/**
 * One row of {@code prices.yaml}: a figure (price, capital cost, electricity price or PUE) with
 * what it prices. Each row carries a date, because prices move quickly.
 *
 * @param chip chip-hour prices: the chip id
 * @param subject capital-cost references: what was priced
 * @param scope PUE rows: which data centres the figure covers
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PriceRow(
    String id,
    String chip,
    String provider,
    String offering,
    String region,
    String subject,
    String scope,
    String date,
    Object value,
    String unit,
    String asQuoted,
    Confidence confidence,
    SourceRef source,
    String derivation,
    String note,
    String needed) {

  /** The row's value with its trust and source, as every other catalog figure. */
  public CatalogFigure figure() {
    return new CatalogFigure(
        value, unit, asQuoted, null, null, confidence, source, derivation, note, needed, null);
  }
}
