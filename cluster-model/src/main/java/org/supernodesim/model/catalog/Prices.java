package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/** {@code prices.yaml}: chip-hour prices, capital costs, electricity prices and PUE, dated. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Prices(
    Integer schemaVersion,
    String kind,
    String id,
    String name,
    Map<String, CatalogFigure> currencyNotes,
    List<PriceRow> chipHourPrices,
    List<PriceRow> capexReferences,
    List<PriceRow> electricityPrices,
    List<PriceRow> pue,
    List<Source> sources,
    List<String> notes) {
  public Prices {
    currencyNotes = Copies.map(currencyNotes);
    chipHourPrices = Copies.list(chipHourPrices);
    capexReferences = Copies.list(capexReferences);
    electricityPrices = Copies.list(electricityPrices);
    pue = Copies.list(pue);
    sources = Copies.list(sources);
    notes = Copies.list(notes);
  }
}
