package org.supernodesim.results.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.supernodesim.results.RunResult;

/**
 * result.json: the run's {@link RunResult}, indented, fields in declaration order. Written by
 * {@link RecordJson} (Jackson's generator, without databind's serializers, which a short run
 * cannot afford to build) and read back by databind.
 */
public final class JsonReport {
  private JsonReport() {}

  /** Databind's mappers, built on first use: writing a result needs neither. */
  private static final class Databind {
    static final ObjectMapper WRITER =
        JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    static final ObjectMapper READER =
        JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  }

  /** The JSON text of {@code result}, ending in a newline. */
  public static String toJson(RunResult result) {
    return RecordJson.write(result) + "\n";
  }

  /**
   * The text Jackson's databind writes of {@code result} under the same settings: what {@link
   * #toJson} is tested equal to, here so that the tests of every module compare with one
   * configuration.
   */
  public static String toJsonByDatabind(RunResult result) {
    return databindText(result) + "\n";
  }

  static String databindText(Object value) {
    try {
      return Databind.WRITER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass() + " as JSON", e);
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
      return Databind.READER.readValue(file.toFile(), RunResult.class);
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
