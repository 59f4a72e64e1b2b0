package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** A bin or sister part of a chip, with the figures in which it differs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Variant(String id, String label, String note, Map<String, CatalogFigure> figures) {
  public Variant {
    figures = Copies.map(figures);
  }
}
