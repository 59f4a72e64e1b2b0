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
   * A command built without annotations (see {@link Main}): {@code command} to call, its name and
   * description, and {@code -h, --help} and {@code -V, --version} as {@code
   * mixinStandardHelpOptions = true} adds them, with the same help text, without the reflection
   * over picocli's own annotated mixin that it costs (about 20 ms of a short run, cold).
   */
  static CommandSpec command(Object command, String name, String... description) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
    spec.usageMessage().description(description);
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
    return spec;
  }

  /** Refuses {@code value} below 1 for the option {@code name}. */
  static void atLeastOne(CommandSpec spec, String name, int value) {
    if (value < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), name + " must be >= 1, not " + value);
    }
  }
}
