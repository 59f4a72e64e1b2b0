package org.supernodesim.scenario.cluster;

import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.PriceBook;
import org.supernodesim.scenario.file.ScenarioLoader;

/** The command line's loader: the standard catalog with its prices. */
final class TestLoader {
  static final ScenarioLoader LOADER =
      new ScenarioLoader(Catalog.standard()::chip, PriceBook.of(Catalog.standard().prices()));

  private TestLoader() {}
}
