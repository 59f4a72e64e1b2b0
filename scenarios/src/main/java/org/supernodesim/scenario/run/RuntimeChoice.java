package org.supernodesim.scenario.run;

import org.supernodesim.node.actors.ActorRuntime;
import org.supernodesim.node.engine.Runtime;
import org.supernodesim.node.engine.SequentialRuntime;

/**
 * Which runtime runs a scenario and how it is placed. Never changes a result, only how fast it
 * comes.
 *
 * @param name {@code sequential} or {@code actors}
 * @param threads threads of the actor runtime's dispatcher
 * @param processesPerActor logical processes per actor (1: actor-per-chip)
 */
public record RuntimeChoice(String name, int threads, int processesPerActor) {
  public static final RuntimeChoice SEQUENTIAL = new RuntimeChoice("sequential", 1, 1);

  public RuntimeChoice {
    if (!name.equals("sequential") && !name.equals("actors")) {
      throw new IllegalArgumentException(
          "\"" + name + "\" is not a runtime; valid: sequential, actors");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    if (processesPerActor < 1) {
      throw new IllegalArgumentException("processes per actor must be >= 1: " + processesPerActor);
    }
  }

  /** A fresh runtime of this choice. */
  public Runtime create() {
    return name.equals("sequential")
        ? new SequentialRuntime()
        : new ActorRuntime(threads, processesPerActor);
  }
}
