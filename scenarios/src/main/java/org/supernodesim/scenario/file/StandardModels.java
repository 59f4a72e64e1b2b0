package org.supernodesim.scenario.file;

import org.supernodesim.model.catalog.ModelShape;
import org.supernodesim.scenario.catalog.Catalog;

/** The model presets of the standard catalog. */
final class StandardModels implements ModelPresets {
  static final StandardModels INSTANCE = new StandardModels();

  private StandardModels() {}

  @Override
  public ModelShape shape(String name) {
    return Catalog.standard().model(name);
  }
}
