package org.supernodesim.scenario.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.PriceBook;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.ScenarioLoader;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The scenario file and its edits, shared by the commands that load one. */
final class ScenarioOptions {

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "A scenario file (YAML or JSON).")
  Path file;

  @Option(
      names = "--set",
      paramLabel = "KEY.PATH=VALUE",
      description =
          "Overrides one key of the scenario before it is validated, e.g. --set cluster.chips=64"
              + " or --set cluster.fabric.link.bandwidth=\"200 GB/s\". Repeatable.")
  List<String> sets = new ArrayList<>();

  Scenario load() {
    return read().base();
  }

  /** The file with its edits, kept as a tree for its sweep points; read ahead if main began it. */
  ScenarioFile read() {
    return ScenarioPrefetch.take(file, sets).orElseGet(() -> loader().read(file, sets));
  }

  static ScenarioLoader loader() {
    Catalog catalog = Catalog.standard();
    // The prices on first use: the scenario is parsed while they are read on the catalog's
    // thread (Main starts it), which costs about as much as the command line's set-up.
    return new ScenarioLoader(catalog::chip, PriceBook.onFirstUse(catalog::prices));
  }
}
