package org.supernodesim.results.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.file.Path;
import org.supernodesim.results.RunResult;

/** result.json: the run's {@link RunResult}, indented, fields in declaration order. */
public final class JsonReport {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private static final ObjectMapper READER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private JsonReport() {}

  /**
   * Starts building result.json's serializers on a thread of their own, for a command that will
   * write one after simulating: Jackson builds a serializer per record type the first time it
   * meets it, by reflection and interpreted (about 35 ms of a short run's 0.1 s of writing), and
   * this overlaps that with the run's earlier work. The serializers are the ones {@link #toJson}
   * would build (Jackson caches them, and building is safe on several threads), so the text is
   * the same byte for byte; a failure here is left for the write to report.
   */
  public static void prepareInBackground() {
    Thread t = new Thread(JsonReport::prepare, "result-json-serializers");
    t.setDaemon(true);
    t.start();
  }

  static void prepare() {
    try {
      for (Type type : ResultTypes.reachableFrom(RunResult.class)) {
        MAPPER.writerFor(MAPPER.constructType(type));
      }
    } catch (RuntimeException | LinkageError e) {
      // the write itself reports what is wrong
    }
  }

  /** The JSON text of {@code result}, ending in a newline. */
  public static String toJson(RunResult result) {
    try {
      return MAPPER.writeValueAsString(result) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a result as JSON", e);
    }
  }

  /**
   * Reads a result.json back (unknown fields, from newer writers, are skipped).
   *
   * @throws IllegalArgumentException if it is not a result, naming the line and column where it
   *     stops being one
   * @throws UncheckedIOException if it cannot be read at all
   */
  public static RunResult read(Path file) {
    try {
      return READER.readValue(file.toFile(), RunResult.class);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new IllegalArgumentException("not a result.json (one that run writes, or a sweep's"
          + " points/<id>.json)" + (at == null || at.getLineNr() < 1 ? ""
              : "; it stops being one at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Writes {@code result} to {@code file}, creating its folder (temporary file, then renamed). */
  public static void write(RunResult result, Path file) {
    OutputFiles.write(file, toJson(result));
  }
}
