package org.supernodesim.workload.trace.chakra;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.workload.graph.OperationGraph;

/** Chakra files kept in memory: what {@link ChakraWriter} writes, to read or to damage. */
final class InMemoryTrace {
  private InMemoryTrace() {}

  /** Each rank's file as written. */
  static List<byte[]> write(List<OperationGraph> graphs) {
    ChakraWriter writer = new ChakraWriter(graphs);
    List<byte[]> files = new ArrayList<>();
    for (int r = 0; r < graphs.size(); r++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        writer.write(r, out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files.add(out.toByteArray());
    }
    return files;
  }

  /** Rank files over {@code bytes}, named {@code mem.r.et}. */
  static List<ChakraReader.RankFile> files(List<byte[]> bytes) {
    List<ChakraReader.RankFile> files = new ArrayList<>();
    for (int r = 0; r < bytes.size(); r++) {
      byte[] b = bytes.get(r);
      files.add(new ChakraReader.RankFile(r, ChakraWriter.fileName("mem", r),
          () -> new ByteArrayInputStream(b)));
    }
    return files;
  }
}
