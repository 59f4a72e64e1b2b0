package org.supernodesim.workload.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.workload.trace.chakra.ChakraReader;
import org.supernodesim.workload.trace.text.TextDialect;
import org.supernodesim.workload.trace.text.TextWorkload;

/**
 * The trace files of {@code src/test/resources/traces} (see its PROVENANCE.md), read from the
 * class path so that other modules' tests can use them through this module's test jar.
 */
public final class TraceFiles {
  private TraceFiles() {}

  /** Rank files {@code traces/DIR/PREFIX.r.et} for r = 0 .. ranks-1. */
  public static List<ChakraReader.RankFile> chakra(String dir, String prefix, int ranks) {
    List<ChakraReader.RankFile> files = new ArrayList<>(ranks);
    for (int r = 0; r < ranks; r++) {
      String path = "/traces/" + dir + "/" + prefix + "." + r + ".et";
      files.add(new ChakraReader.RankFile(r, path, () -> open(path)));
    }
    return files;
  }

  /** A microbenchmark of ASTRA-sim: {@code chakra-et/GROUP/KIND/Nnpus_SIZE/KIND.r.et}. */
  public static List<ChakraReader.RankFile> microbenchmark(String group, String kind, int npus,
      String size) {
    return chakra("chakra-et/" + group + "/" + kind + "/" + npus + "npus_" + size, kind, npus);
  }

  /** The text workload {@code traces/PATH}. */
  public static TextWorkload text(String path, TextDialect dialect) {
    String resource = "/traces/" + path;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
      return TextWorkload.parse(path, in, dialect);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a resource, failing loudly if it is missing. */
  public static InputStream open(String resource) throws IOException {
    InputStream in = TraceFiles.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException("no test resource " + resource);
    }
    return in;
  }
}
