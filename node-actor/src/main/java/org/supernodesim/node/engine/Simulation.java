package org.supernodesim.node.engine;

import java.util.List;

/**
 * What a runtime runs: the logical processes, indexed by id (their position in the list), and the
 * lookahead, the smallest delay of any message between two processes.
 *
 * @param processes the processes; a process's id is its index
 * @param lookaheadPicos the lookahead L > 0: every {@code send} carries a delay of at least L
 */
public record Simulation(List<? extends LogicalProcess<?>> processes, long lookaheadPicos) {
  public Simulation {
    processes = List.copyOf(processes);
    if (processes.isEmpty()) {
      throw new IllegalArgumentException("a simulation needs at least one logical process");
    }
    if (lookaheadPicos <= 0) {
      throw new IllegalArgumentException("lookahead must be > 0 ps: " + lookaheadPicos);
    }
  }
}
