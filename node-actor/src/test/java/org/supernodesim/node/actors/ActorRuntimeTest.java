package org.supernodesim.node.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.node.engine.Ring;
import org.supernodesim.node.engine.RingWorkload;
import org.supernodesim.node.engine.RunStatistics;
import org.supernodesim.node.engine.Simulation;

class ActorRuntimeTest {

  @Test
  void aRingOf384MatchesItsClosedFormActorPerChip() {
    // Given 384 processes passing tokens round a ring for K = 50 steps with L = 1 us.
    int n = 384;
    int steps = 50;
    long lookaheadPicos = 1_000_000;
    Simulation ring = RingWorkload.create(n, steps, lookaheadPicos);

    // When it runs with one actor per process on 2 threads.
    RunStatistics stats;
    try (ActorRuntime runtime = new ActorRuntime(2, ActorRuntime.ACTOR_PER_CHIP)) {
      stats = runtime.run(ring);
    }

    // Then n·K = 19,200 events, the last at K·L = 50 us, and one window per step: step k's
    // tokens all arrive at k·L, and nothing else is pending, so each window [kL, (k+1)L) holds
    // exactly one step (start-up is not a window).
    assertEquals(19_200L, stats.events(), "n·K events");
    assertEquals(50_000_000L, stats.endPicos(), "K·L");
    assertEquals(50L, stats.windows(), "one window per step");
    for (var process : ring.processes()) {
      assertEquals(steps, ((RingWorkload.RingProcess) process).received(), "one token per step");
    }
  }

  @Test
  void aRingOf384MatchesItsClosedFormInTwoBlocks() {
    // Given the same ring for K = 766 steps (a ring all-reduce's 2(n-1)), 192 processes per actor.
    int n = 384;
    int steps = 766;
    long lookaheadPicos = 1_000_000;

    // When it runs on 2 threads, then n·K = 294,144 events end at K·L = 766 us.
    RunStatistics stats;
    try (ActorRuntime runtime = new ActorRuntime(2, n / 2)) {
      stats = runtime.run(RingWorkload.create(n, steps, lookaheadPicos));
    }
    assertEquals(new RunStatistics(766_000_000L, 294_144L, 766L), stats, "n·K events, K·L, K");
  }

  @Test
  void aSendBelowTheLookaheadFailsTheRunNamingBothProcesses() {
    // Given process 3 that, at 500 ps, sends to process 7 (on another actor) with 99 ps < L.
    Simulation simulation = Ring.withOneSend(10, 3, 7, 99, 100);

    // When run on actors, then the process's own exception reaches the caller.
    try (ActorRuntime runtime = new ActorRuntime(2, 2)) {
      IllegalStateException e =
          assertThrows(IllegalStateException.class, () -> runtime.run(simulation));
      assertTrue(e.getMessage().contains("process 3 sent to process 7"), e.getMessage());
      assertTrue(e.getMessage().contains("99 ps"), e.getMessage());
      assertTrue(e.getMessage().contains("lookahead of 100 ps"), e.getMessage());
    }
  }

  @Test
  void oneRuntimeRunsManySimulationsAndSurvivesAFailedOne() {
    // Given one runtime, actor-per-chip on 2 threads, kept across runs.
    try (ActorRuntime runtime = new ActorRuntime(2, ActorRuntime.ACTOR_PER_CHIP)) {
      // When it runs a ring, then a run that fails, then rings again.
      RunStatistics first = runtime.run(RingWorkload.create(16, 30, 1_000_000));
      assertThrows(
          IllegalStateException.class, () -> runtime.run(Ring.withOneSend(10, 3, 7, 99, 100)));
      for (int i = 0; i < 3; i++) {
        // Then every later run gets the same answer as the first: no actor of an earlier run
        // (the failed one included) takes part in a later one.
        assertEquals(first, runtime.run(RingWorkload.create(16, 30, 1_000_000)), "run " + i);
      }
      assertEquals(new RunStatistics(30_000_000L, 480L, 30L), first, "n·K events, K·L, K");
    }
  }

  @Test
  void whenManyProcessesFailInOneWindowTheLowestActorsFailureIsReportedEveryTime() {
    // Given 8 processes that each, at 5 L, send to their successor below the lookahead: every
    // actor fails in the same window, in whatever order the threads get there.
    try (ActorRuntime runtime = new ActorRuntime(2, ActorRuntime.ACTOR_PER_CHIP)) {
      for (int i = 0; i < 20; i++) {
        Simulation simulation = allSendTooSoon(8, 100);

        // When run, then it is always actor 0's failure, whichever reported first.
        IllegalStateException e =
            assertThrows(IllegalStateException.class, () -> runtime.run(simulation));
        assertTrue(e.getMessage().contains("process 0 sent to process 1"), e.getMessage());
      }
    }
  }

  private static Simulation allSendTooSoon(int n, long lookaheadPicos) {
    List<LogicalProcess<Object>> processes = new ArrayList<>();
    for (int id = 0; id < n; id++) {
      int successor = (id + 1) % n;
      processes.add(
          new LogicalProcess<>() {
            @Override
            public void start(Context context) {
              context.schedule(5 * lookaheadPicos, "tick");
            }

            @Override
            public void handle(Object event, Context context) {
              context.send(successor, 1, "too soon");
            }
          });
    }
    return new Simulation(processes, lookaheadPicos);
  }

  @Test
  void aClosedRuntimeRefusesToRun() {
    ActorRuntime runtime = new ActorRuntime(1);
    runtime.run(RingWorkload.create(4, 3, 1_000_000));
    runtime.close();
    runtime.close(); // idempotent
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> runtime.run(RingWorkload.create(4, 3, 1_000_000)));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
