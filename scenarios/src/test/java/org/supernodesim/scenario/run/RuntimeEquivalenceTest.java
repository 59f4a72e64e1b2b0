package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.CollectiveWorkload;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioLoader;
import org.supernodesim.scenario.file.ServingWorkload;

/**
 * Every example gives the same result.json, byte for byte less {@code run}, on the sequential
 * runtime and on the actor runtime with 1, 2 and 4 threads, one chip per actor and several.
 * Serving examples replay only the first {@link #SERVING_WINDOW} of their traces here (the
 * actor runtime opens a window per step instant, so whole hours on seven runtimes would take
 * minutes); the check script compares their full runs. Bus-bandwidth sweeps run two of their
 * sizes, the all-to-all over at most 64 chips.
 */
class RuntimeEquivalenceTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  static final String SERVING_WINDOW = "60 s";
  /** More collectives than this make an example a bus-bandwidth sweep. */
  static final int BUSBW_SWEEP = 6;

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      // And the validation's TP16 baseline: DP attention's gathers over two nodes.
      return Stream.concat(files.filter(p -> p.toString().endsWith(".yaml")).sorted(),
          Stream.of(Path.of("examples/validation/sglang-deepseek-v3-h100-tp16.yaml")))
          .toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyRuntimeAndPlacementGivesTheSameBytes(Path example) {
    Scenario scenario = LOADER.load(example, List.of());
    if (scenario.workload() instanceof ServingWorkload) {
      scenario = LOADER.load(
          example, List.of("workload.serving.requests.window=" + SERVING_WINDOW));
    }
    if (scenario.workload() instanceof CollectiveWorkload c && c.entries().size() > BUSBW_SWEEP) {
      // A busbw sweep runs the same algorithms at every size: two sizes here, seven runtimes.
      scenario = LOADER.load(example, List.of(
          "workload.collectives=[{kind: all-reduce, size: 4 MiB},"
              + " {kind: all-to-all, size: 4 MiB, group: " + Math.min(64, scenario.chips()) + "}]"));
    }
    String reference = withoutRun(ScenarioRunner.run(scenario, RuntimeChoice.SEQUENTIAL));

    List<RuntimeChoice> choices = new ArrayList<>();
    for (int threads : new int[] {1, 2, 4}) {
      choices.add(RuntimeChoice.actors(threads, 1));
    }
    choices.add(RuntimeChoice.actors(2, 3));
    choices.add(RuntimeChoice.actors(2, Math.max(1, scenario.chips() / 2)));
    choices.add(RuntimeChoice.actors(4, scenario.chips()));
    for (RuntimeChoice choice : choices) {
      String actual = withoutRun(ScenarioRunner.run(scenario, choice));
      assertEquals(reference, actual, example + " on " + choice + " differs from sequential");
    }
  }

  /** The JSON of a result with {@code run}, all that may vary between runs, dropped. */
  private static String withoutRun(RunResult result) {
    return JsonReport.toJson(result.withRun(null));
  }
}
