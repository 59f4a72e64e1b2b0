package org.supernodesim.node.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.node.engine.EngineBenchmark;
import org.supernodesim.node.engine.RingWorkload;

/** The benchmark's plumbing, not its speed: speed is never asserted in a unit test. */
class RingBenchmarkTest {

  @Test
  void theStandardLineUpMeasuresEveryConfigurationOnTheSameAnswer() {
    // Given a ring of 8 processes for 14 steps, and one measured run per configuration.
    int n = 8;
    int steps = 14;
    List<EngineBenchmark.Configuration> configurations = RingBenchmark.standardConfigurations(n, 2);
    List<EngineBenchmark.Measurement> measurements;
    try {
      measurements =
          EngineBenchmark.measure(
              () -> RingWorkload.create(n, steps, RingBenchmark.LOOKAHEAD_PICOS),
              configurations,
              new EngineBenchmark.Options(0, 1, 0));
    } finally {
      configurations.forEach(configuration -> configuration.runtime().close());
    }

    // Then there is one row per configuration, each with n·K = 112 events ending at K·L.
    assertEquals(List.of("sequential", "actors", "actors"),
        measurements.stream().map(EngineBenchmark.Measurement::runtime).toList());
    for (EngineBenchmark.Measurement m : measurements) {
      assertEquals(112L, m.eventsPerRun(), m.configuration() + ": n·K events");
      assertEquals(14_000_000L, m.endPicos(), m.configuration() + ": K·L");
      assertTrue(m.medianEventsPerSecond() > 0, m.configuration());
    }
    String table = EngineBenchmark.formatTable(measurements);
    assertEquals(4, table.lines().count(), "a header and three rows:\n" + table);
  }
}
