package org.supernodesim.node.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.node.engine.RandomNetwork;
import org.supernodesim.node.engine.RunStatistics;
import org.supernodesim.node.engine.SequentialRuntime;
import org.supernodesim.node.engine.Simulation;

/**
 * Property: on a random network, every process sees the same events in the same order on the
 * actor runtime as on the sequential one, whatever the threads and the placement.
 */
class RuntimeEquivalenceTest {

  /**
   * threads × processes per actor; 0 stands for "all in one actor". Several threads split each
   * window's opening into groups (one per thread, uneven for 3), which must not reach a result.
   */
  private static final int[][] PLACEMENTS = {
    {1, 1}, {2, 1}, {3, 1}, {4, 1}, {1, 3}, {2, 3}, {4, 3}, {1, 0}, {2, 0}, {4, 0}
  };

  static Stream<Arguments> seeds() {
    return LongStream.range(0, 20).map(i -> 0x5EED_0000L + i * 7919).mapToObj(Arguments::of);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void actorRuntimesHandTheSameEventsInTheSameOrderAsTheSequentialOne(long seed) {
    // Given the network of this seed, run on the reference runtime.
    Simulation reference = RandomNetwork.create(seed);
    RunStatistics expected = new SequentialRuntime().run(reference);
    List<List<RandomNetwork.Entry>> expectedLogs = RandomNetwork.logs(reference);
    int n = reference.processes().size();
    assertTrue(expected.events() > 0, "seed " + seed + ": the network does something");

    // When the same network runs on actors, in every placement.
    for (int[] placement : PLACEMENTS) {
      int threads = placement[0];
      int processesPerActor = placement[1] == 0 ? n : placement[1];
      Simulation copy = RandomNetwork.create(seed);
      RunStatistics actual;
      try (ActorRuntime runtime = new ActorRuntime(threads, processesPerActor)) {
        actual = runtime.run(copy);
      }

      // Then every process's log is identical, as are the event count and the end time.
      String where =
          "seed " + seed + ", n=" + n + ", threads=" + threads + ", per actor="
              + processesPerActor;
      assertEquals(expectedLogs, RandomNetwork.logs(copy), where + ": event logs");
      assertEquals(expected.events(), actual.events(), where + ": events");
      assertEquals(expected.endPicos(), actual.endPicos(), where + ": end time");
    }
  }
}
