package org.supernodesim.scenario.cli;

/**
 * What {@code supernode-sim} exits with, one code per kind of outcome (README, Command line), so a
 * script can tell a mistake in its input from a full disk or our bug.
 */
final class ExitCode {
  /** Done. */
  static final int OK = 0;

  /** Our bug: the stack trace is printed. */
  static final int BUG = 1;

  /** A mistake in the input: a scenario, a --set, an option, a file named. One located line. */
  static final int INPUT = 2;

  /** The JVM ran out of heap despite the estimate: one line saying how to give it more. */
  static final int OUT_OF_MEMORY = 3;

  /** An output file or folder could not be written: the path and the reason. */
  static final int OUTPUT = 4;

  private ExitCode() {}
}
