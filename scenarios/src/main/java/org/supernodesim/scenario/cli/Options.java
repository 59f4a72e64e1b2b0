package org.supernodesim.scenario.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Checks of option values picocli's types do not express, refused as usage errors. */
final class Options {
  private Options() {}

  /** Refuses {@code value} below 1 for the option {@code name}. */
  static void atLeastOne(CommandSpec spec, String name, int value) {
    if (value < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), name + " must be >= 1, not " + value);
    }
  }
}
