package org.supernodesim.scenario.file;

/**
 * The one error type below the loader: a value or a combination of values the scenario cannot have,
 * with the path of the key it is about and what would be valid. Thrown from a section's
 * constructor, the path is relative to that section (Jackson's path to the section goes in front);
 * thrown while the sections are assembled, it is the key's full path. The loader turns it into a
 * {@link ScenarioException} with the key's file, line and column. Public for the blocks a command
 * reads beside the scenario ({@code plan:}, bound by {@link ScenarioFile#plan}), whose sections
 * live with that command.
 */
public final class InvalidInput extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String keyPath;

  public InvalidInput(String keyPath, String message) {
    super(message);
    this.keyPath = keyPath;
  }

  /** The key's path, e.g. {@code parallelism.tp} in a section, {@code cluster.chips} in full. */
  String keyPath() {
    return keyPath;
  }
}
