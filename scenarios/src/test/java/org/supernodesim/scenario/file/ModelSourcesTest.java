package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.supernodesim.model.transformer.CatalogTransformers;
import org.supernodesim.model.transformer.ParameterCounts;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.scenario.Kinds;
import org.supernodesim.scenario.catalog.Catalog;

/**
 * {@code model:} given as a Hugging Face config: Llama 3.1 8B and DeepSeek-V3 from their published
 * {@code config.json} files (test resources {@code huggingface/}, provenance in their README)
 * count the published totals, and count exactly what the catalog's shapes of them count.
 */
class ModelSourcesTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);
  private static final Path CONFIGS = Path.of("src/test/resources/huggingface");

  @TempDir Path dir;

  /** A training scenario in {@code dir} whose model is {@code config} copied beside it. */
  private TransformerSpec trainedFrom(String model, String layout) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("models").resolve(model));
    Files.copy(CONFIGS.resolve(model).resolve("config.json"), folder.resolve("config.json"));
    Path scenario = dir.resolve("hf.yaml");
    Files.writeString(scenario, String.join("\n",
        "name: hf",
        "cluster: { system: hgx-h100-8, nodes: 1 }",
        "workload:",
        "  training:",
        // Relative to the scenario file, not to the working directory.
        "    model: { huggingFace: models/" + model + "/config.json }",
        "    parallelism: " + layout,
        "    globalBatch: 64",
        "    sequence: 4096",
        ""));
    return Kinds.training(LOADER.load(scenario, List.of())).model();
  }

  @Test
  void llama31From8bConfigCountsThePublished803Billion() throws IOException {
    TransformerSpec spec = trainedFrom("llama-3.1-8b", "{ tp: 1, pp: 1, dp: 8 }");
    long total = spec.parameterCounts().totalParameters();

    // Meta's model card: 8.03B; within 1%, and exactly the catalog's llama-3.1-8b shape.
    assertEquals(8.03e9, total, 0.01 * 8.03e9, "Llama 3.1 8B total, published 8.03B, 1%");
    assertEquals(CatalogTransformers.toSpec(Catalog.standard().model("llama-3.1-8b"))
        .parameterCounts(), spec.parameterCounts(), "the catalog shape's counts, exactly");
    assertEquals("models/llama-3.1-8b/config.json", spec.id(), "the path as written names it");
  }

  @Test
  void deepSeekV3FromItsConfigCountsThePublished671Billion() throws IOException {
    TransformerSpec spec = trainedFrom("deepseek-v3", "{ tp: 1, pp: 1, dp: 8, ep: 8 }");
    ParameterCounts counts = spec.parameterCounts();

    // DeepSeek-V3 Technical Report: 671B total (MTP excluded), one MTP module; 1%.
    assertEquals(671e9, counts.totalParameters(), 0.01 * 671e9, "DeepSeek-V3 total, 1%");
    assertEquals(1, spec.mtpModules(), "num_nextn_predict_layers 1");
    assertEquals(CatalogTransformers.toSpec(Catalog.standard().model("deepseek-v3"))
        .parameterCounts(), counts, "the catalog shape's counts, exactly");
  }

  @Test
  void servingTakesAConfigToo() {
    // The mooncake example serves llama-3.1-8b from the catalog; the same model from its config
    // has the same spec and the config's context (max_position_embeddings 131,072).
    Path example = Path.of("examples/serving-mooncake-prefix-h20.yaml");
    ScenarioFile file = LOADER.read(example, List.of("workload.serving.model={ huggingFace:"
        + " ../src/test/resources/huggingface/llama-3.1-8b/config.json, id: llama-3.1-8b }"));
    ServingWorkload fromConfig = Kinds.serving(file.base());
    ServingWorkload fromCatalog = Kinds.serving(LOADER.load(example, List.of()));

    assertEquals(fromCatalog.model(), fromConfig.model());
    ModelSummary summary = file.models().get(0);
    assertEquals("workload.serving.model", summary.keyPath());
    assertTrue(summary.origin().startsWith("Hugging Face llama"), summary.origin());
    assertEquals(8_030_261_248L, summary.totalParameters());
  }

  @Test
  void theSummaryPrintsCountedBesideStated() {
    ModelSummary inline = LOADER.read(Path.of("examples/training/inline-model-16-h100.yaml"),
        List.of()).models().get(0);
    // my-3b: 28 × (2·3072·3072 + 2·3072·1024 attention + 3·3072·8192 SwiGLU + 2·3072 norms)
    // + 128,256·3072 tied embedding + 3072 final norm = 3,212,749,824; stated 3.21e9.
    assertEquals(3_212_749_824L, inline.totalParameters());
    assertEquals("workload.training.model: my-3b (inline): 3.21 B parameters counted, 3.21 B"
        + " active; stated 3.21 B (+0.09%)", inline.describe());
  }
}
