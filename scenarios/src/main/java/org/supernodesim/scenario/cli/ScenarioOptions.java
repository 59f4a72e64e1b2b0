package org.supernodesim.scenario.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.PriceBook;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.ScenarioLoader;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The scenario file and its edits, shared by the commands that load one: a mixin read from its
 * annotations, or, for the commands built without annotations ({@code run}, {@code validate}: see
 * {@link Main}), added to their spec by {@link #addTo} and read back by {@link #of}.
 */
final class ScenarioOptions {
  private static final String FILE_LABEL = "SCENARIO";
  private static final String FILE_DESCRIPTION = "A scenario file (YAML or JSON).";
  private static final String SET = "--set";
  private static final String SET_LABEL = "KEY.PATH=VALUE";
  private static final String SET_DESCRIPTION =
      "Overrides one key of the scenario before it is validated, e.g. --set cluster.chips=64"
          + " or --set cluster.fabric.link.bandwidth=\"200 GB/s\". Repeatable.";

  @Parameters(index = "0", paramLabel = FILE_LABEL, description = FILE_DESCRIPTION)
  Path file;

  @Option(names = SET, paramLabel = SET_LABEL, description = SET_DESCRIPTION)
  List<String> sets = new ArrayList<>();

  /** Adds the scenario file and {@code --set} to a command built without annotations. */
  static void addTo(CommandSpec spec) {
    spec.addPositional(PositionalParamSpec.builder()
        .index("0")
        .arity("1")
        .required(true)
        .paramLabel(FILE_LABEL)
        .type(Path.class)
        .description(FILE_DESCRIPTION)
        .build());
    spec.addOption(OptionSpec.builder(SET)
        .paramLabel(SET_LABEL)
        .type(List.class)
        .auxiliaryTypes(String.class)
        .description(SET_DESCRIPTION)
        .build());
  }

  /** The scenario file and edits parsed into {@code spec}, to which {@link #addTo} added them. */
  static ScenarioOptions of(CommandSpec spec) {
    ScenarioOptions options = new ScenarioOptions();
    options.file = spec.positionalParameters().get(0).getValue();
    List<String> given = spec.findOption(SET).getValue();
    if (given != null) {
      options.sets.addAll(given);
    }
    return options;
  }

  Scenario load() {
    return loader().load(file, sets);
  }

  /** The file with its edits, kept as a tree for its sweep points. */
  ScenarioFile read() {
    return loader().read(file, sets);
  }

  static ScenarioLoader loader() {
    Catalog catalog = Catalog.standard();
    // The prices on first use: the scenario is parsed while they are read on the catalog's
    // thread (Main starts it), which costs about as much as the command line's set-up.
    return new ScenarioLoader(catalog::chip, PriceBook.onFirstUse(catalog::prices));
  }
}
