package org.supernodesim.scenario.run;

import org.supernodesim.node.actors.ActorRuntime;
import org.supernodesim.node.engine.Runtime;
import org.supernodesim.node.engine.SequentialRuntime;

/**
 * Which runtime runs a scenario and how it is placed. Never changes a result, only how fast it
 * comes.
 *
 * @param kind sequential or actors
 * @param threads threads of the actor runtime's dispatcher
 * @param processesPerActor logical processes per actor (1: actor-per-chip)
 */
public record RuntimeChoice(RuntimeKind kind, int threads, int processesPerActor) {
  public static final RuntimeChoice SEQUENTIAL = new RuntimeChoice(RuntimeKind.SEQUENTIAL, 1, 1);

  public RuntimeChoice {
    if (threads < 1) {
      throw new IllegalArgumentException("--threads must be >= 1: " + threads);
    }
    if (processesPerActor < 1) {
      throw new IllegalArgumentException("--lps-per-actor must be >= 1: " + processesPerActor);
    }
  }

  /** The actor runtime on {@code threads} threads, {@code processesPerActor} per actor. */
  public static RuntimeChoice actors(int threads, int processesPerActor) {
    return new RuntimeChoice(RuntimeKind.ACTORS, threads, processesPerActor);
  }

  /** A fresh runtime of this choice. */
  public Runtime create() {
    return switch (kind) {
      case SEQUENTIAL -> new SequentialRuntime();
      case ACTORS -> new ActorRuntime(threads, processesPerActor);
    };
  }
}
