package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * One network of a system, as the catalog describes it.
 *
 * @param role scaleUp, scaleOut, frontend or storage
 * @param topology prose: how switches and links are arranged (read by people, not parsed)
 * @param typical true where the fabric is a typical build rather than part of the product
 * @param figures counts and bandwidths of the fabric, in file order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Fabric(
    String id,
    String role,
    String technology,
    String topology,
    Boolean typical,
    Map<String, CatalogFigure> figures) {
  public Fabric {
    figures = Copies.map(figures);
  }
}
