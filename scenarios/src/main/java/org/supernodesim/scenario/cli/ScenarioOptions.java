package org.supernodesim.scenario.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
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
    return new ScenarioLoader(Catalog.standard()::chip).load(file, sets);
  }
}
