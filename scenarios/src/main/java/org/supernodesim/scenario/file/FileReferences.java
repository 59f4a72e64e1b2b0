package org.supernodesim.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.supernodesim.workload.trace.chakra.ChakraReader;

/**
 * The files a scenario tree names, as written (relative to the scenario's folder): what must travel
 * with it to a worker, and what {@code plan} rewrites when it writes the best scenario elsewhere.
 *
 * <ul>
 *   <li>{@code workload.serving.requests.trace}, and for a ServeGen client its {@code
 *       -dataset.json} beside the {@code -trace.csv};
 *   <li>{@code workload.trace.path}: a text workload's file, or every {@code <prefix>.<rank>.et}
 *       of a Chakra prefix found beside it;
 *   <li>{@code workload.training.model.huggingFace} and {@code workload.serving.model.huggingFace}:
 *       a Hugging Face config.json;
 *   <li>{@code workload.serving.instances[i].experts.load.measured} when it names a file: a
 *       measured expert load in SGLang's format ({@link ExpertLoadFiles}).
 * </ul>
 */
final class FileReferences {
  static final String REPLAY_PATH = TraceAssembly.PATH + ".path";

  /** Every key whose value is a path relative to the scenario's folder. */
  static final List<String> KEYS =
      List.of(
          TraceFiles.KEY,
          REPLAY_PATH,
          TrainingAssembly.KEY + ".model." + HuggingFaceFiles.KEY,
          ServingAssembly.PATH + ".model." + HuggingFaceFiles.KEY);

  /** An instance group's measured expert load, below {@code workload.serving.instances[i]}. */
  static final String EXPERT_LOAD = ".experts.load.measured";

  private static final String SERVEGEN_WINDOWS = "-trace.csv";
  private static final String SERVEGEN_DATASET = "-dataset.json";

  private FileReferences() {}

  /**
   * The JSON pointers of the values in {@code tree} that may name files: {@link #KEYS} and each
   * instance group's measured expert load.
   */
  static List<String> pointers(JsonNode tree) {
    List<String> pointers = new java.util.ArrayList<>();
    for (String key : KEYS) {
      pointers.add("/" + key.replace('.', '/'));
    }
    JsonNode instances = tree.at("/workload/serving/instances");
    for (int i = 0; i < instances.size(); i++) {
      pointers.add("/workload/serving/instances/" + i + EXPERT_LOAD.replace('.', '/'));
    }
    return pointers;
  }

  /**
   * The files {@code tree} names, each relative to {@code baseDirectory} as the tree writes it,
   * with the key that names it.
   */
  static Map<String, String> of(JsonNode tree, Path baseDirectory) {
    Map<String, String> files = new TreeMap<>();
    for (String key : KEYS) {
      JsonNode n = tree.at("/" + key.replace('.', '/'));
      if (!n.isTextual()) {
        continue;
      }
      String ref = n.asText();
      if (key.equals(REPLAY_PATH) && "chakra".equals(tree.at("/workload/trace/format").asText())) {
        rankFiles(ref, baseDirectory).forEach(f -> files.put(f, key));
        continue;
      }
      files.put(ref, key);
      if (key.equals(TraceFiles.KEY) && ref.endsWith(SERVEGEN_WINDOWS)) {
        files.put(
            ref.substring(0, ref.length() - SERVEGEN_WINDOWS.length()) + SERVEGEN_DATASET, key);
      }
    }
    JsonNode instances = tree.at("/workload/serving/instances");
    for (int i = 0; i < instances.size(); i++) {
      JsonNode n = instances.get(i).at("/experts/load/measured");
      if (n.isTextual()) {
        files.put(n.asText(), ServingAssembly.PATH + ".instances[" + i + "]" + EXPERT_LOAD);
      }
    }
    return files;
  }

  /**
   * A Chakra prefix's rank files, each written as the prefix's folder plus its name; the prefix
   * itself when none is found (an absolute one is then refused, a missing one fails where read).
   */
  private static Set<String> rankFiles(String prefix, Path baseDirectory) {
    Set<String> files = new TreeSet<>();
    Path written = Path.of(prefix);
    Path folder = baseDirectory.resolve(written).normalize().getParent();
    String name = written.getFileName() == null ? "" : written.getFileName().toString();
    if (folder != null && Files.isDirectory(folder)) {
      try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
        for (Path f : listing) {
          if (ChakraReader.rankOf(f.getFileName().toString(), name) >= 0) {
            Path parent = written.getParent();
            String file = f.getFileName().toString();
            files.add(parent == null ? file : parent.resolve(file).toString().replace('\\', '/'));
          }
        }
      } catch (IOException e) {
        // not listable: the scenario fails where it is read, naming the folder
      }
    }
    if (files.isEmpty()) {
      files.add(prefix);
    }
    return files;
  }
}
