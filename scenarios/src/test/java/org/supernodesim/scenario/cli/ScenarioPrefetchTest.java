package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioFile;

/**
 * The scenario read ahead is taken only for the file and edits the command parsed, and is the
 * scenario the command's own read gives.
 */
class ScenarioPrefetchTest {
  private static final Path EXAMPLE = Path.of("examples/ring-collectives-8.yaml");

  @Test
  void theGuessedFileAndEditsAreTakenOnceAndBindAsTheCommandsOwnRead() {
    ScenarioPrefetch.start(
        new String[] {"run", EXAMPLE.toString(), "--out", "x", "--set", "seed=11",
            "--set=name=pre"},
        true);
    List<String> sets = List.of("seed=11", "name=pre");
    ScenarioFile read = ScenarioPrefetch.take(EXAMPLE, sets).orElseThrow();
    Scenario own = ScenarioOptions.loader().read(EXAMPLE, sets).base();
    assertEquals(own, read.base());
    assertEquals(11, read.base().seed());
    assertEquals("pre", read.base().name());
    assertSame(read.base(), read.base()); // bound once
    assertTrue(ScenarioPrefetch.take(EXAMPLE, sets).isEmpty()); // taken once
  }

  @Test
  void otherEditsOrAnotherFileAreReadByTheCommand() {
    ScenarioPrefetch.start(new String[] {"run", EXAMPLE.toString(), "--set", "seed=11"}, true);
    assertTrue(ScenarioPrefetch.take(EXAMPLE, List.of("seed=12")).isEmpty());
    ScenarioPrefetch.start(new String[] {"run", EXAMPLE.toString()}, true);
    assertTrue(ScenarioPrefetch.take(Path.of("examples/allreduce-384.yaml"), List.of()).isEmpty());
    // An option first: nothing is guessed.
    ScenarioPrefetch.start(new String[] {"run", "--out", "x", EXAMPLE.toString()}, true);
    assertTrue(ScenarioPrefetch.take(EXAMPLE, List.of()).isEmpty());
  }

  @Test
  void aBadFileIsLeftToTheCommandsOwnRead(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "name: bad\ncluster: { chips: -3 }\n");
    ScenarioPrefetch.start(new String[] {"validate", bad.toString()}, true);
    assertTrue(ScenarioPrefetch.take(bad, List.of()).isEmpty());
  }
}
