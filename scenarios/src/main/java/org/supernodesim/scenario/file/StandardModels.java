package org.supernodesim.scenario.file;

import org.supernodesim.model.transformer.CatalogTransformers;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.scenario.catalog.Catalog;

/** The model presets of the standard catalog, as transformer specs. */
final class StandardModels {
  private StandardModels() {}

  static TransformerSpec model(String name) {
    return CatalogTransformers.toSpec(Catalog.standard().model(name));
  }
}
