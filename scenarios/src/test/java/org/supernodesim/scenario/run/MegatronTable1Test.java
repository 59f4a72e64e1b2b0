package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.results.TrainingResult;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.PublishedTable;
import org.supernodesim.scenario.file.PriceBook;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * Megatron-LM SC'21 Table 1 (Narayanan et al., arXiv 2104.04473): every row, simulated from its
 * scenario with the one A100 calibration, within 10 % of the published TFLOP/s per GPU (both
 * counted with eq. 3, recomputation included).
 */
class MegatronTable1Test {
  /** The tolerance the issue sets for every row. */
  private static final double TOLERANCE = 0.10;

  private static final Path FOLDER = Path.of("validation", "megatron");

  static Stream<PublishedTable.Row> rows() {
    return PublishedTable.read(FOLDER).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void everyRowIsWithinTenPercentOfThePublishedThroughput(PublishedTable.Row row) {
    // Given the row's scenario: its model, TP, PP, GPUs and batch as the paper ran them.
    var scenario = new ScenarioLoader(Catalog.standard()::chip,
        PriceBook.of(Catalog.standard().prices())).load(row.scenario(), List.of());
    assertEquals(row.gpus(), scenario.chips(), row.id() + ": the scenario's GPU count");

    // When one step runs on the reference runtime.
    TrainingResult t = Kinds.training(ScenarioRunner.run(scenario, RuntimeChoice.SEQUENTIAL));

    // Then the achieved TFLOP/s per GPU is the published figure within 10 %.
    double error = t.tflopsPerChip() / row.tflopsPerGpu() - 1;
    assertTrue(Math.abs(error) <= TOLERANCE,
        String.format("%s: simulated %.1f TFLOP/s per GPU, published %.1f: %+.1f%% is outside"
            + " +/- %.0f%%", row.id(), t.tflopsPerChip(), row.tflopsPerGpu(), 100 * error,
            100 * TOLERANCE));
    assertTrue(t.fits(), row.id() + " ran on 80 GB A100s, so it must fit: peak "
        + t.memoryPeakBytes() / 1e9 + " GB");
  }
}
