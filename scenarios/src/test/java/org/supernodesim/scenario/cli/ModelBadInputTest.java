package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad model files and keys: one line naming the file, line, column and key, exit 2, no stack
 * trace. The config is written one key per line, so a key's line is known.
 */
class ModelBadInputTest {
  private static final String CONFIG = String.join("\n",
      "{",
      "  \"model_type\": \"llama\",",
      "  \"hidden_size\": 4096,",
      "  \"num_hidden_layers\": 32,",
      "  \"num_attention_heads\": 32,",
      "  \"num_key_value_heads\": 8,",
      "  \"intermediate_size\": 14336,",
      "  \"vocab_size\": 128256",
      "}",
      "");
  private static final String SCENARIO = String.join("\n",
      "name: bad-model",
      "cluster: { system: hgx-h100-8, nodes: 1 }",
      "workload:",
      "  training:",
      "    model: { huggingFace: config.json }",
      "    parallelism: { tp: 1, pp: 1, dp: 8 }",
      "    globalBatch: 64",
      "    sequence: 4096",
      "");
  private static final String INLINE = String.join("\n",
      "    model:",
      "      id: tiny",
      "      kind: dense",
      "      layers: 4",
      "      hiddenSize: 1024",
      "      vocabSize: 32000",
      "      tiedEmbeddings: false",
      "      positionEmbedding: rope",
      "      norm: rmsnorm",
      "      attention: { kind: gqa, heads: 16, kvHeads: 4, headDim: 64, qkvBias: false,"
          + " outBias: false, qkNorm: false, ropeTheta: 10000 }",
      "      ffn: { intermediateSize: 4096, activation: swiglu, bias: false }");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " | ", value = {
    "missing field | '  \"num_hidden_layers\": 32,\n' | '' | "
        + "config.json:1:1: num_hidden_layers: missing; a llama config must give it",
    "wrong type | '\"hidden_size\": 4096' | '\"hidden_size\": \"4096\"' | "
        + "config.json:3:3: hidden_size: expected a whole number",
    "unknown family | '\"llama\"' | '\"falcon\"' | "
        + "config.json:2:3: model_type: \"falcon\" is not a supported model type; supported:"
        + " llama, mistral",
    "not JSON | '{' | 'model_type: llama' | config.json:1:",
    "out of range | '\"num_key_value_heads\": 8' | '\"num_key_value_heads\": 5' | "
        + "config.json:6:3: num_key_value_heads: 5; must divide num_attention_heads 32",
  })
  void aBadConfigIsOneLineAtItsKey(String what, String from, String to, String expected)
      throws IOException {
    String config = CONFIG.replace(from.replace("\\n", "\n"), to);
    assertFalse(config.equals(CONFIG), "the replacement must change the config: " + from);
    Files.writeString(dir.resolve("config.json"), config);
    assertOneLocatedLine(what, SCENARIO, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " | ", value = {
    "no such file | 'config.json' | 'nowhere.json' | "
        + "bad.yaml:5:14: workload.training.model.huggingFace: no such file: ",
    "unknown key beside huggingFace | '{ huggingFace: config.json }' |"
        + " '{ huggingFace: config.json, name: x }' | "
        + "bad.yaml:5:40: workload.training.model.name: unknown key; keys here: huggingFace, id,"
        + " parameters",
    "a list where a model goes | '{ huggingFace: config.json }' | '[llama-3.1-8b]' | "
        + "bad.yaml:5:5: workload.training.model: found array; give a catalog name",
  })
  void aBadModelKeyIsOneLineAtItsKey(String what, String from, String to, String expected)
      throws IOException {
    Files.writeString(dir.resolve("config.json"), CONFIG);
    assertOneLocatedLine(what, SCENARIO.replace(from, to), expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiterString = " | ", value = {
    "misspelt key | 'hiddenSize: 1024' | 'hiddenSise: 1024' | "
        + "bad.yaml:9:7: workload.training.model.hiddenSise: unknown key; keys here: aliases,",
    "missing field | '      hiddenSize: 1024\n' | '' | "
        + "bad.yaml:5:5: workload.training.model.hiddenSize: hiddenSize is not given",
    "wrong type | 'layers: 4' | 'layers: four' | "
        + "bad.yaml:8:7: workload.training.model.layers: expected a whole number",
    "missing id | '      id: tiny\n' | '' | "
        + "bad.yaml:5:5: workload.training.model.id: missing; an inline model needs an id",
  })
  void aBadInlineModelIsOneLineAtItsKey(String what, String from, String to, String expected)
      throws IOException {
    String inline = SCENARIO.replace("    model: { huggingFace: config.json }", INLINE);
    String text = inline.replace(from.replace("\\n", "\n"), to);
    assertFalse(text.equals(inline), "the replacement must change the file: " + from);
    assertOneLocatedLine(what, text, expected);
  }

  private void assertOneLocatedLine(String what, String scenario, String expected)
      throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, scenario);

    BadInputTest.Outcome outcome = BadInputTest.run("validate", file.toString());

    assertEquals(2, outcome.code(), what + ": exit code; stderr was " + outcome.err());
    String firstLine = outcome.err().lines().findFirst().orElse("");
    // The config file is named by its path, absolute here (the temporary folder is outside the
    // working directory); the scenario file by the name validate was given.
    String located = firstLine.substring(firstLine.indexOf(expected.startsWith("config.json")
        ? "config.json" : "bad.yaml"));
    assertTrue(located.startsWith(expected), what + ": expected '" + expected + "', got '"
        + firstLine + "'");
    assertEquals(1, outcome.err().strip().lines().count(), what + ": one line: " + outcome.err());
    assertFalse(outcome.err().contains("\tat "), what + ": no stack trace: " + outcome.err());
  }
}
