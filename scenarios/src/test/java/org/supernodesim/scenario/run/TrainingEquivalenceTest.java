package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.PriceBook;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * The larger training examples ({@code examples/training/}, 1,024 to 2,048 chips) give the same
 * result.json, byte for byte less {@code run}, on the sequential runtime and on the actor runtime
 * with one stage per actor; the examples directly under {@code examples/} go through every
 * placement in {@link RuntimeEquivalenceTest}.
 */
class TrainingEquivalenceTest {

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("examples", "training"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void actorsGiveTheSequentialBytes(Path example) {
    Scenario scenario = new ScenarioLoader(Catalog.standard()::chip,
        PriceBook.of(Catalog.standard().prices())).load(example, List.of());
    String sequential =
        JsonReport.toJson(ScenarioRunner.run(scenario, RuntimeChoice.SEQUENTIAL).withRun(null));
    String actors = JsonReport.toJson(
        ScenarioRunner.run(scenario, RuntimeChoice.actors(2, 1)).withRun(null));
    assertEquals(sequential, actors, example + ": actors differ from sequential");
  }
}
