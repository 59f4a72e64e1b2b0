package org.supernodesim.node.chip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.chakra.ChakraReader;
import org.supernodesim.workload.trace.text.TextDialect;
import org.supernodesim.workload.trace.text.TextWorkload;

/**
 * The trace files the workloads module's tests keep (workloads/src/test/resources/traces, with
 * their PROVENANCE.md), read in place: tests run in the module's folder.
 */
final class TraceResources {
  static final Path ROOT = Path.of("..", "workloads", "src", "test", "resources", "traces");

  private TraceResources() {}

  static Path path(String relative) {
    Path p = ROOT.resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("no trace file " + p.toAbsolutePath()
          + ": run the tests from the node-actor folder of a full checkout");
    }
    return p;
  }

  /** Rank files {@code DIR/PREFIX.r.et} for r = 0 .. ranks-1. */
  static List<ChakraReader.RankFile> chakra(String dir, String prefix, int ranks) {
    List<ChakraReader.RankFile> files = new ArrayList<>(ranks);
    for (int r = 0; r < ranks; r++) {
      Path p = path(dir + "/" + prefix + "." + r + ".et");
      files.add(new ChakraReader.RankFile(r, p.toString(), () -> Files.newInputStream(p)));
    }
    return files;
  }

  /**
   * The rank graphs of {@code files}, their times read as microseconds (as ASTRA-sim's converter
   * writes them), no process group renamed, collectives run with {@code algorithm}.
   */
  static List<OperationGraph> chakraGraphs(
      List<ChakraReader.RankFile> files, AlgorithmChoice algorithm) {
    return ChakraReader.read(files,
        new ChakraReader.Options(ChakraReader.Options.MICROSECOND_PICOS, Map.of(), algorithm))
        .graphs();
  }

  static List<ChakraReader.RankFile> microbenchmark(String group, String kind, int npus,
      String size) {
    return chakra("chakra-et/" + group + "/" + kind + "/" + npus + "npus_" + size, kind, npus);
  }

  static TextWorkload text(String relative, TextDialect dialect) {
    try (BufferedReader in = Files.newBufferedReader(path(relative))) {
      return TextWorkload.parse(relative, in, dialect);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedReader lines(String relative) throws IOException {
    return Files.newBufferedReader(path(relative));
  }
}
