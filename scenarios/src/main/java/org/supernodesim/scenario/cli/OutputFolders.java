package org.supernodesim.scenario.cli;

import java.nio.file.Path;

/**
 * Where a run or a sweep writes when {@code --out} is not given: {@code runs/<name>/} under the
 * working directory, outside every module's sources. A scenario's name is checked when it is loaded
 * (letters, digits, '.', '_', '-', no leading dot), so it is always one folder below.
 */
final class OutputFolders {
  /** The folder holding every run's default output folder. */
  static final Path RUNS = Path.of("runs");

  private OutputFolders() {}

  /** The default folder of a run named {@code name}. */
  static Path of(String name) {
    return RUNS.resolve(name);
  }
}
