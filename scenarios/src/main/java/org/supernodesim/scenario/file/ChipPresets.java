package org.supernodesim.scenario.file;

import org.supernodesim.model.chip.ChipSpec;

/** Looks chip presets up by name; the catalog is one. */
@FunctionalInterface
public interface ChipPresets {

  /**
   * The chip named {@code name}.
   *
   * @throws IllegalArgumentException if there is none, its message listing the valid names
   */
  ChipSpec chip(String name);
}
