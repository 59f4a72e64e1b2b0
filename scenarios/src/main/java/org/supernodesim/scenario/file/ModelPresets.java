package org.supernodesim.scenario.file;

import org.supernodesim.model.catalog.ModelShape;

/** Looks model presets up by name; the catalog is one. */
@FunctionalInterface
public interface ModelPresets {

  /**
   * The shape named {@code name} (id or alias).
   *
   * @throws IllegalArgumentException if there is none, its message listing the valid names
   */
  ModelShape shape(String name);
}
