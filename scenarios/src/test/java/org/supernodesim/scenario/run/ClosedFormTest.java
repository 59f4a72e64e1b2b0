package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.model.units.Units;
import org.supernodesim.results.CollectiveResult;
import org.supernodesim.results.RunResult;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioLoader;

/** The example scenarios against the ring's closed forms on ideal links. */
class ClosedFormTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);

  @Test
  void allReduce384MatchesTheClosedForm() {
    // Given 384 chips behind one switch, 392 GB/s per direction, 2 hops of 500 ns = 1 us per step,
    // S = 1 GiB (the example scenario).
    Scenario scenario =
        LOADER.load(Path.of("examples/allreduce-384.yaml"), List.of());

    // When it runs on the reference runtime.
    RunResult result = ScenarioRunner.run(scenario, RuntimeChoice.SEQUENTIAL);

    // Then T = 2(n-1)/n * S/B + 2(n-1) * alpha: 2(n-1) steps, each moving S/n bytes.
    int n = 384;
    long bytes = Units.BYTES_PER_GIB;
    double bytesPerSecond = 392e9;
    long stepPicos = Units.PICOS_PER_MICROSECOND;
    long steps = 2L * (n - 1);
    double expectedPicos =
        steps * (bytes / (double) n) / bytesPerSecond * Units.PICOS_PER_SECOND + steps * stepPicos;
    CollectiveResult allReduce = Kinds.collectives(result).get(0);
    assertEquals(
        expectedPicos,
        allReduce.picos(),
        steps * 1.0,
        "ring all-reduce, n=384, S=1 GiB: closed form within 1 ps per step (rounding, and chunks"
            + " of whole bytes: 2^30 B / 384 is not whole)");
    assertEquals(expectedPicos, result.simulatedPicos(), steps * 1.0, "nothing else ran");
    assertEquals(
        allReduce.algorithmBytesPerSecond() * 2 * (n - 1) / n,
        allReduce.busBytesPerSecond(),
        allReduce.busBytesPerSecond() * 1e-12,
        "busbw = algbw * 2(n-1)/n (nccl-tests), to double rounding");
  }

  @ParameterizedTest(name = "{0} of {1} B over {2} chips")
  @CsvSource({
    "all-gather, 1073741824, 8",
    "reduce-scatter, 1073741824, 8",
    "all-gather, 1000000007, 384",
    "reduce-scatter, 1000000007, 384",
    "all-reduce, 67108864, 8",
  })
  void ringCollectivesMatchTheirClosedForms(String kind, long bytes, int n) {
    // Given n chips on one switch, 450 GB/s, 2 hops of 1 us.
    Scenario scenario =
        LOADER.load(
            Path.of("examples/ring-collectives-8.yaml"),
            List.of(
                "cluster.chips=" + n,
                "workload.collectives=[{kind: " + kind + ", size: " + bytes + " B,"
                    + " algorithm: ring}]"));

    RunResult result = ScenarioRunner.run(scenario, RuntimeChoice.SEQUENTIAL);

    // Then all-gather / reduce-scatter take (n-1)/n * S/B + (n-1) * alpha, all-reduce twice that.
    long steps = kind.equals("all-reduce") ? 2L * (n - 1) : n - 1;
    double alphaPicos = 2 * Units.PICOS_PER_MICROSECOND;
    double expected = steps * (bytes / (double) n) / 450e9 * Units.PICOS_PER_SECOND + steps * alphaPicos;
    assertEquals(expected, Kinds.collectives(result).get(0).picos(), steps * 1.0,
        kind + ": closed form within 1 ps per step");
  }
}
