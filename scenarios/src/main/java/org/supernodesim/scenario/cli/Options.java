package org.supernodesim.scenario.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks of option values picocli's types do not express, refused as usage errors; and the help
 * and version options of a command built without annotations.
 */
final class Options {
  private Options() {}

  /**
   * Adds {@code -h, --help} and {@code -V, --version} to {@code spec}, as {@code
   * mixinStandardHelpOptions = true} does, with the same help text, without the reflection over
   * picocli's own annotated mixin that it costs (about 20 ms of a short run, cold).
   */
  static void addStandardHelp(CommandSpec spec) {
    spec.addOption(OptionSpec.builder("-h", "--help")
        .usageHelp(true)
        .type(boolean.class)
        .description("Show this help message and exit.")
        .build());
    spec.addOption(OptionSpec.builder("-V", "--version")
        .versionHelp(true)
        .type(boolean.class)
        .description("Print version information and exit.")
        .build());
  }

  /** Refuses {@code value} below 1 for the option {@code name}. */
  static void atLeastOne(CommandSpec spec, String name, int value) {
    if (value < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), name + " must be >= 1, not " + value);
    }
  }
}
