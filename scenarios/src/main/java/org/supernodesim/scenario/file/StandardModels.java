package org.supernodesim.scenario.file;

import java.util.OptionalLong;
import org.supernodesim.model.transformer.CatalogTransformers;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.scenario.catalog.Catalog;

/** The model presets of the standard catalog, as transformer specs with their context. */
final class StandardModels implements ModelPresets {
  static final StandardModels INSTANCE = new StandardModels();

  private StandardModels() {}

  @Override
  public TransformerSpec model(String name) {
    return CatalogTransformers.toSpec(Catalog.standard().model(name));
  }

  @Override
  public OptionalLong contextTokens(String name) {
    var sequence = Catalog.standard().model(name).sequence();
    return sequence == null || sequence.context() == null
        ? OptionalLong.empty() : OptionalLong.of(sequence.context());
  }
}
