package org.supernodesim.node.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RingWorkloadTest {

  @Test
  void aRingOf384RunsItsClosedFormSequentially() {
    // Given 384 processes passing tokens round a ring for K = 766 steps with L = 1 us.
    int n = 384;
    int steps = 766;
    long lookaheadPicos = 1_000_000;
    Simulation ring = RingWorkload.create(n, steps, lookaheadPicos);

    // When it runs on the reference runtime.
    RunStatistics stats = new SequentialRuntime().run(ring);

    // Then every process handles one token per step, n·K = 294,144 events, the last at K·L.
    assertEquals(294_144L, stats.events(), "n·K events");
    assertEquals(766_000_000L, stats.endPicos(), "K·L: step k arrives at k·L");
    for (var process : ring.processes()) {
      assertEquals(steps, ((RingWorkload.RingProcess) process).received(), "one token per step");
    }
  }
}
