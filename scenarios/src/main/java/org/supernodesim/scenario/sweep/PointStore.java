package org.supernodesim.scenario.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.supernodesim.results.report.OutputException;
import org.supernodesim.results.report.OutputFiles;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.file.ScenarioException;

/**
 * The finished points of a sweep on disk: {@code points/<id>.json}, each written whole (a temporary
 * file renamed into place), and {@code results.csv}, to which each point's row is appended and
 * forced to disk as it finishes (a journal: it is rewritten whole, the same way, at the start and
 * the end of every sweep). {@code sweep.lock} keeps a second sweep out.
 */
public final class PointStore {
  static final String LOCK = "sweep.lock";

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
    OutputFiles.createFolder(store.points);
    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(store.points, "*.tmp")) {
      for (Path p : tmp) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new OutputException(store.points, "cannot be listed");
    }
    return store;
  }

  /**
   * Holds {@code DIR/sweep.lock} for as long as it is open, so two sweeps never write one folder at
   * once; the system releases it when the process ends, even by kill -9.
   *
   * @throws ScenarioException naming the folder if another sweep holds it
   */
  public Lock lock() {
    Path file = dir.resolve(LOCK);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new OutputException(file, OutputFiles.reason(e));
    }
    FileLock held;
    try {
      held = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null; // this JVM holds it already: another sweep of this process
    } catch (IOException e) {
      close(channel);
      throw new OutputException(file, OutputFiles.reason(e));
    }
    if (held == null) {
      close(channel);
      throw new ScenarioException(
          dir.toString(),
          "",
          "another sweep is writing to this folder"
              + " (it holds "
              + LOCK
              + "); wait for it to finish, or give another --out");
    }
    return new Lock(channel);
  }

  /** The folder's lock; closing it lets another sweep in. */
  public static final class Lock implements AutoCloseable {
    private final FileChannel channel;

    private Lock(FileChannel channel) {
      this.channel = channel;
    }

    @Override
    public void close() {
      PointStore.close(channel); // closing the channel releases its lock
    }
  }

  private static void close(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was written through it; the lock goes with the process anyway
    }
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
      throw new OutputException(points, "cannot be listed");
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
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write point " + point.id() + " as JSON", e);
    }
  }

  /** A point read back from {@link #toJson}'s text. */
  public static SweepPoint fromJson(String json) {
    try {
      return MAPPER.readValue(json, SweepPoint.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a sweep point", e);
    }
  }

  /** Writes a point's file whole: to a temporary file, forced to disk, then renamed over. */
  public void write(SweepPoint point) {
    try {
      OutputFiles.write(
          points.resolve(point.id() + ".json"), MAPPER.writeValueAsString(point) + "\n");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write point " + point.id() + " as JSON", e);
    }
  }

  /** Starts results.csv afresh with {@code text} (the header and the rows known so far). */
  public void rewriteCsv(String text) {
    OutputFiles.write(csv, text);
  }

  /** Appends one row to results.csv in one write, forced to disk. */
  public synchronized void appendCsv(String line) {
    try (FileChannel ch =
        FileChannel.open(
            csv, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
      ch.force(false);
    } catch (IOException e) {
      throw new OutputException(csv, OutputFiles.reason(e));
    }
  }

  /** The points in {@code order} that have a file. */
  public static List<SweepPoint> inOrder(List<String> order, Map<String, SweepPoint> done) {
    return order.stream().filter(done::containsKey).map(done::get).toList();
  }
}
