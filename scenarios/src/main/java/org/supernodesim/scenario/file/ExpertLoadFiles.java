package org.supernodesim.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.inference.ExpertPlacement;

/**
 * Reads a measured expert load from the JSON file a scenario names ({@code
 * instances[i].experts.load.measured}), relative to the scenario file's folder, in SGLang's format:
 * {@code {"logical_count": [[tokens to expert 0, 1, ...], ...]}}, a row per layer, what SGLang's
 * expert-distribution recorder dumps and {@code --init-expert-location} reads ({@code
 * sglang/srt/eplb/expert_location.py}, {@code compute_initial_expert_location_metadata}). A file
 * with a row for every layer of the model gives the MoE layers' rows (DeepSeek-V3's three leading
 * dense layers are all-zero rows there); one with a row per MoE layer is taken as it is.
 */
final class ExpertLoadFiles {
  static final String FIELD = "logical_count";

  private ExpertLoadFiles() {}

  /** The per-layer load {@code written} names, for {@code model}'s MoE layers. */
  static ExpertPlacement.Measured read(
      Path baseDirectory, String written, String source, String keyPath, TransformerSpec model) {
    Path file = baseDirectory.resolve(written).normalize();
    JsonNode tree;
    try {
      tree = new ObjectMapper().readTree(file.toFile());
    } catch (NoSuchFileException | FileNotFoundException e) {
      throw new InvalidInput(keyPath, "no such file: " + file);
    } catch (IOException e) {
      throw new InvalidInput(keyPath, file + " is not JSON: " + e.getMessage());
    }
    JsonNode rows = tree == null ? null : tree.get(FIELD);
    if (rows == null || !rows.isArray() || rows.isEmpty()) {
      throw new InvalidInput(keyPath, file + ": no \"" + FIELD + "\" array of rows (SGLang's"
          + " expert-distribution format: a row of tokens per expert for each layer)");
    }
    List<List<Double>> layers = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      if (!row.isArray() || row.isEmpty() || row.get(0).isArray()) {
        throw new InvalidInput(keyPath, file + ": " + FIELD + "[" + i + "] is not a row of"
            + " numbers (a dump per GPU, three levels deep, must be summed over its GPUs first)");
      }
      List<Double> weights = new ArrayList<>();
      for (JsonNode w : row) {
        if (!w.isNumber() || !(w.asDouble() >= 0) || Double.isInfinite(w.asDouble())) {
          throw new InvalidInput(keyPath, file + ": " + FIELD + "[" + i + "] holds " + w
              + "; token counts are finite and >= 0");
        }
        weights.add(w.asDouble());
      }
      layers.add(weights);
    }
    int dense = model.denseLayers();
    int moe = model.moeLayers();
    List<List<Double>> moeRows;
    if (layers.size() == model.layers() && dense > 0) {
      // The model's dense layers come first; their rows route no token.
      moeRows = layers.subList(dense, layers.size());
    } else if (layers.size() == moe) {
      moeRows = layers;
    } else {
      throw new InvalidInput(keyPath, file + " has " + layers.size() + " rows; " + model.id()
          + " has " + model.layers() + " layers, of them " + moe + " MoE layers: give a row for"
          + " each layer or for each MoE layer");
    }
    try {
      return new ExpertPlacement.Measured(moeRows, source);
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(keyPath, file + ": " + e.getMessage());
    }
  }
}
