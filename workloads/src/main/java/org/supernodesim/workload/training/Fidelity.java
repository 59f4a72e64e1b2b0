package org.supernodesim.workload.training;

import com.fasterxml.jackson.annotation.JsonValue;

/** How much of a training step is simulated ({@code workload.training.fidelity}). */
public enum Fidelity {
  /**
   * Every chip a process running its own rank's graph; every collective its algorithm's
   * point-to-point steps through the scenario's network, so collectives of different groups that
   * meet on a port or link slow each other.
   */
  CHIP("chip"),
  /**
   * The fast approximation: one process per pipeline stage (its representative rank), every
   * collective timed by its algorithm's closed form over its real group on otherwise idle links;
   * only the pipeline's sends go through the network.
   */
  STAGE("stage");

  private final String label;

  Fidelity(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
