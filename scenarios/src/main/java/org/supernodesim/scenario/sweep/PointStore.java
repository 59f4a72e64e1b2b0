package org.supernodesim.scenario.sweep;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.supernodesim.results.report.SweepPoint;

/**
 * The finished points of a sweep on disk: {@code points/<id>.json}, each written whole (a
 * temporary file renamed into place), and {@code results.csv}, to which each point's row is
 * appended and forced to disk as it finishes.
 */
public final class PointStore {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final Path dir;
  private final Path points;
  private final Path csv;

  private PointStore(Path dir) {
    this.dir = dir;
    this.points = dir.resolve("points");
    this.csv = dir.resolve("results.csv");
  }

  /** Opens (creating) the sweep folder; temporary files a kill left behind are removed. */
  public static PointStore open(Path dir) {
    PointStore store = new PointStore(dir);
    try {
      Files.createDirectories(store.points);
      try (DirectoryStream<Path> tmp = Files.newDirectoryStream(store.points, "*.tmp")) {
        for (Path p : tmp) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the sweep folder " + dir, e);
    }
    return store;
  }

  public Path dir() {
    return dir;
  }

  /** The points already finished, by id; a file that does not read back is left out. */
  public Map<String, SweepPoint> finished() {
    Map<String, SweepPoint> done = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(points, "*.json")) {
      for (Path f : files) {
        read(f).ifPresent(p -> done.put(p.id(), p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + points, e);
    }
    return done;
  }

  /** Reads one point's file; empty if it is not a whole point (then it is run again). */
  public static Optional<SweepPoint> read(Path file) {
    try {
      return Optional.of(MAPPER.readValue(file.toFile(), SweepPoint.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A point as its file holds it: what another machine sends back for this store to keep. */
  public static String toJson(SweepPoint point) {
    try {
      return MAPPER.writeValueAsString(point);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write point " + point.id() + " as JSON", e);
    }
  }

  /** A point read back from {@link #toJson}'s text. */
  public static SweepPoint fromJson(String json) {
    try {
      return MAPPER.readValue(json, SweepPoint.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not a sweep point", e);
    }
  }

  /** Writes a point's file whole: to a temporary file, forced to disk, then renamed over. */
  public void write(SweepPoint point) {
    Path target = points.resolve(point.id() + ".json");
    Path tmp = points.resolve(point.id() + ".json.tmp");
    try {
      byte[] bytes = (MAPPER.writeValueAsString(point) + "\n").getBytes(StandardCharsets.UTF_8);
      try (FileChannel ch =
          FileChannel.open(
              tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(bytes));
        ch.force(true);
      }
      move(tmp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Starts results.csv afresh with {@code text} (the header and the rows known so far). */
  public void rewriteCsv(String text) {
    Path tmp = dir.resolve("results.csv.tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      move(tmp, csv);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + csv, e);
    }
  }

  /** Appends one row to results.csv in one write, forced to disk. */
  public synchronized void appendCsv(String line) {
    try (FileChannel ch =
        FileChannel.open(csv, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
      ch.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + csv, e);
    }
  }

  /** The points in {@code order} that have a file. */
  public static List<SweepPoint> inOrder(List<String> order, Map<String, SweepPoint> done) {
    return order.stream().filter(done::containsKey).map(done::get).toList();
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
