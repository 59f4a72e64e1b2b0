package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/** Figures of one die of a multi-die package (Ascend 910C: software sees each die as a device). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PerDie(String note, Map<String, CatalogFigure> figures) {
  public PerDie {
    figures = Copies.map(figures);
  }
}
