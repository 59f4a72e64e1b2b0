package org.supernodesim.results.report;

import java.nio.file.Path;

/**
 * A file of a run's output could not be written: the path and the reason. Not a mistake in the
 * scenario and not our bug: the command line prints the message alone and exits with its own code
 * (README, Command line).
 */
public final class OutputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  public OutputException(Path path, String reason) {
    super("cannot write " + path + ": " + reason);
    this.path = path;
  }

  /** The file or folder that could not be written. */
  public Path path() {
    return path;
  }
}
