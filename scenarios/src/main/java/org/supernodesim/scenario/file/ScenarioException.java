package org.supernodesim.scenario.file;

/**
 * A mistake in a scenario: where it is (file, line, column), which key, what was found and what
 * would be valid. The command line prints {@link #getMessage()} alone and exits with 2.
 */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String where;
  private final String keyPath;
  private final String problem;

  /**
   * @param where {@code file:line:column}, or {@code --set key=value} for an edited key
   * @param keyPath the key's path, e.g. {@code cluster.fabric.link.bandwidth}; empty for the root
   * @param problem what was found and what would be valid
   */
  public ScenarioException(String where, String keyPath, String problem) {
    super(where + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + problem);
    this.where = where;
    this.keyPath = keyPath;
    this.problem = problem;
  }

  public String where() {
    return where;
  }

  public String keyPath() {
    return keyPath;
  }

  public String problem() {
    return problem;
  }
}
