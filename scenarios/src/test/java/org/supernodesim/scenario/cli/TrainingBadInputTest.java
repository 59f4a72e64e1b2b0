package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Training layouts that cannot run: one located line naming the key, exit 2, no stack trace. */
class TrainingBadInputTest {
  private static final String GOOD =
      String.join(
          "\n",
          "name: tiny-training",
          "cluster: { system: hgx-h100-8, nodes: 3 }",
          "workload:",
          "  training:",
          "    model: llama-3.1-8b",
          "    parallelism: { tp: 8, pp: 1 }",
          "    globalBatch: 24",
          "");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "heads not divisible by tp | 'tp: 8, pp: 1' | 'tp: 3, pp: 1' | "
            + "bad.yaml:6:20: workload.training.parallelism.tp: 3 does not divide the 32 attention"
            + " heads of llama-3.1-8b",
        "layers not divisible by pp | 'tp: 8, pp: 1' | 'tp: 8, pp: 3' | "
            + "bad.yaml:6:27: workload.training.parallelism.pp: 32 layers of llama-3.1-8b do not"
            + " split evenly into pp x virtualStages = 3 chunks",
        "product is not the chips | 'tp: 8, pp: 1' | 'tp: 8, pp: 1, dp: 2' | "
            + "bad.yaml:6:5: workload.training.parallelism: tp x pp x dp x cp = 8 x 1 x 2 x 1 = 16,"
            + " not the 24 chips of the cluster",
        "experts on a dense model | 'tp: 8, pp: 1' | 'tp: 8, pp: 1, ep: 3' | "
            + "bad.yaml:6:34: workload.training.parallelism.ep: 3; llama-3.1-8b is dense",
        "unknown model | llama-3.1-8b | llama-9 | "
            + "bad.yaml:5:5: workload.training.model: no model named 'llama-9'",
        "batch not in whole micro-batches | 'globalBatch: 24' | 'globalBatch: 4' | "
            + "bad.yaml:7:5: workload.training.globalBatch: 4 sequences do not split into dp = 3",
        "fp8 on a chip without it | 'system: hgx-h100-8' | 'system: atlas-800t-a2' | "
            + "bad.yaml:8:5: workload.training.precision: fp8 needs fp8DenseFlops, which"
            + " ascend-910b does not have",
      })
  void aLayoutThatCannotRunIsOneLocatedLine(String what, String from, String to, String expected)
      throws IOException {
    // Every case asks for FP8, which the H100 has: only the fp8 case takes it away.
    assertOneLocatedLine(GOOD + "    precision: fp8\n", what, from, to, expected);
  }

  private static final String DUALPIPE =
      String.join(
          "\n",
          "name: tiny-dualpipe",
          "cluster: { system: hgx-h100-8, nodes: 4 }",
          "workload:",
          "  training:",
          "    model: llama-3.1-8b",
          "    parallelism: { tp: 8, pp: 4 }",
          "    globalBatch: 8",
          "    schedule: dualpipe",
          "");

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "too few micro-batches | 'globalBatch: 8' | 'globalBatch: 6' | "
            + "bad.yaml:7:5: workload.training.globalBatch: DualPipe needs an even number of"
            + " micro-batches per replica, at least 2 x pp = 8; there are 6",
        "virtual stages | 'pp: 4 }' | 'pp: 4, virtualStages: 2 }' | "
            + "bad.yaml:6:34: workload.training.parallelism.virtualStages: 2; DualPipe places two"
            + " chunks per stage itself",
        "no pipeline | 'pp: 4 }' | 'pp: 1 }' | "
            + "bad.yaml:6:27: workload.training.parallelism.pp: 1; DualPipe needs an even number of"
            + " pipeline stages, at least 2",
        "unknown schedule | 'schedule: dualpipe' | 'schedule: gpipe' | "
            + "bad.yaml:8:5: workload.training.schedule: \"gpipe\" is not valid here; valid: 1f1b,"
            + " dualpipe",
        "overlap on plain 1f1b | 'schedule: dualpipe' | 'overlapForwardBackward: true' | "
            + "bad.yaml:8:5: workload.training.overlapForwardBackward: under 1f1b with pp = 4 the"
            + " overlap needs virtualStages > 1",
        "an empty middle chunk | 'schedule: dualpipe' | 'stageLayers: [8, 0, 16, 8]' | "
            + "bad.yaml:8:5: workload.training.stageLayers: entry 1 is 0; every chunk needs a"
            + " layer, but the first (embedding) and the last (output head) may have 0",
      })
  void aScheduleThatCannotRunIsOneLocatedLine(String what, String from, String to,
      String expected) throws IOException {
    assertOneLocatedLine(DUALPIPE, what, from, to, expected);
  }

  private void assertOneLocatedLine(String base, String what, String from, String to,
      String expected) throws IOException {
    Path file = dir.resolve("bad.yaml");
    String text = base.replace(from, to);
    assertFalse(text.equals(base), "the replacement must change the file: " + from);
    Files.writeString(file, text);

    BadInputTest.Outcome outcome = BadInputTest.run("validate", file.toString());

    assertEquals(2, outcome.code(), what + ": exit code; stderr was " + outcome.err());
    String firstLine = outcome.err().lines().findFirst().orElse("");
    assertEquals(expected, firstLine.substring(0, Math.min(firstLine.length(), expected.length())),
        what + ": message");
    assertFalse(outcome.err().contains("\tat "), what + ": no stack trace: " + outcome.err());
  }
}
