package org.supernodesim.scenario.run;

/** The runtimes that run a scenario's processes; neither changes a result. */
public enum RuntimeKind {
  /** One thread, one event queue. */
  SEQUENTIAL("sequential"),
  /** Apache Pekko actors, one or a block of processes per actor. */
  ACTORS("actors");

  private final String label;

  RuntimeKind(String label) {
    this.label = label;
  }

  /** The name on the command line and in result.json's {@code run.runtime}. */
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }
}
