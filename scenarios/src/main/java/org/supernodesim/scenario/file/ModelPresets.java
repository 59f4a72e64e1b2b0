package org.supernodesim.scenario.file;

import org.supernodesim.model.transformer.TransformerSpec;

/** Looks model presets up by name; the catalog is one. */
@FunctionalInterface
public interface ModelPresets {

  /**
   * The transformer named {@code name}.
   *
   * @throws IllegalArgumentException if there is none, its message listing the valid names
   */
  TransformerSpec model(String name);

  /** The model's context window in tokens, when the preset states one. */
  default java.util.OptionalLong contextTokens(String name) {
    return java.util.OptionalLong.empty();
  }
}
