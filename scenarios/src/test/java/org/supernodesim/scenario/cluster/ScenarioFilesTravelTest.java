package org.supernodesim.scenario.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.sweep.SweepRunner;

/**
 * Every file a scenario names travels to a worker: a replayed Chakra trace (all its rank files), a
 * Hugging Face model config, and a ServeGen client's dataset beside its windows. A worker that has
 * none of them unpacks the bundle and runs each point to the local point's result.json.
 */
class ScenarioFilesTravelTest {
  private static final Path EXAMPLES = Path.of("examples").toAbsolutePath();

  @TempDir Path tmp;

  /** Runs every point here and on a "worker" folder holding only the bundle; same bytes. */
  private ScenarioBundle runsAlikeOnAWorker(Path scenario) throws IOException {
    ScenarioFile here = TestLoader.LOADER.read(scenario, List.of());
    ScenarioBundle bundle = ScenarioBundle.of(scenario, List.of(), here);
    Path worker = tmp.resolve("worker");
    ScenarioFile there = bundle.unpack(worker, TestLoader.LOADER);
    List<String> local = new ArrayList<>();
    List<String> remote = new ArrayList<>();
    for (int i = 0; i < here.points().size(); i++) {
      SweepPoint a = SweepRunner.runPoint(here, here.points().get(i), tmp.resolve("local-" + i));
      SweepPoint b =
          SweepRunner.runPoint(there, there.points().get(i), worker.resolve("out-" + i));
      assertNull(b.error(), "the worker's point ran: " + b.error());
      local.add(JsonReport.toJson(a.result().withRun(null)));
      remote.add(JsonReport.toJson(b.result().withRun(null)));
    }
    assertEquals(local, remote, "every point's result.json, less run");
    return bundle;
  }

  private Path write(String folder, String text) throws IOException {
    Path dir = tmp.resolve("home").resolve(folder);
    Files.createDirectories(dir);
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aChakraTraceTravelsWithEveryRankFile() throws IOException {
    Path et = tmp.resolve("home/traces/et");
    Files.createDirectories(et);
    for (int r = 0; r < 8; r++) {
      Files.copy(EXAMPLES.resolve("traces/chakra-et/all_reduce_8npus_1MB/all_reduce." + r + ".et"),
          et.resolve("all_reduce." + r + ".et"));
    }
    Path scenario = write("scen", String.join("\n",
        "name: replay-travels",
        "cluster:",
        "  chips: 8",
        "  chip: nvidia-h100-sxm",
        "  fabric: { kind: single-switch, link: { bandwidth: 450 GB/s, latency: 500 ns } }",
        "workload:",
        "  trace: { format: chakra, path: ../traces/et/all_reduce, algorithm: ring }",
        "sweep:",
        "  cluster.chips: [8, 16]",
        ""));

    ScenarioBundle bundle = runsAlikeOnAWorker(scenario);

    assertEquals(8, bundle.files().keySet().stream()
        .filter(f -> f.startsWith("traces/et/all_reduce.")).count(), "every rank's file");
  }

  @Test
  void aHuggingFaceConfigTravels() throws IOException {
    Path models = tmp.resolve("home/models");
    Files.createDirectories(models);
    Files.copy(EXAMPLES.resolve("models/llama-3.1-8b/config.json"), models.resolve("config.json"));
    Path scenario = write("scen", String.join("\n",
        "name: hf-travels",
        "cluster:",
        "  chips: 2",
        "  chip: nvidia-h100-sxm",
        "  fabric: { kind: single-switch, link: { bandwidth: 450 GB/s, latency: 500 ns } }",
        "workload:",
        "  training:",
        "    model: { huggingFace: ../models/config.json, id: llama-3.1-8b-hf }",
        "    parallelism: { tp: 2 }",
        "    globalBatch: 2",
        "    sequence: 1024",
        "sweep:",
        "  workload.training.globalBatch: [2, 4]",
        ""));

    ScenarioBundle bundle = runsAlikeOnAWorker(scenario);

    assertTrue(bundle.files().containsKey("models/config.json"), bundle.files().keySet().toString());
  }

  @Test
  void aServeGenClientTravelsWithItsDataset() throws IOException {
    String text = Files.readString(EXAMPLES.resolve("serving-azure-code-h20.yaml"));
    Path servegen = tmp.resolve("home/traces");
    Files.createDirectories(servegen);
    for (String f : List.of("chunk-49-trace.csv", "chunk-49-dataset.json")) {
      Files.copy(EXAMPLES.resolve("traces/servegen/language/m-mid/" + f), servegen.resolve(f));
    }
    Path file = write("scen", text.replace(
        "      trace: traces/azure-llm-2023/AzureLLMInferenceTrace_code.csv   # relative to"
            + " this file",
        "      trace: ../traces/chunk-49-trace.csv\n      window: 60 s"));

    ScenarioFile here = TestLoader.LOADER.read(file, List.of());
    ScenarioBundle bundle = ScenarioBundle.of(file, List.of(), here);

    assertEquals(List.of("traces/chunk-49-dataset.json", "traces/chunk-49-trace.csv"),
        List.copyOf(bundle.files().keySet()), "the windows and the dataset beside them");
  }
}
