package org.supernodesim.scenario.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.supernodesim.model.chip.MissingFigureException;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.report.OutputException;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.results.report.SweepTable;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.SweepDefinition;
import org.supernodesim.scenario.run.RunReports;
import org.supernodesim.scenario.run.RuntimeChoice;
import org.supernodesim.scenario.run.ScenarioRunner;

/**
 * Runs the points of a sweep that have no file yet, {@code parallel} at a time, each on the
 * sequential runtime; keeps each as it finishes; then writes the tables and reports of all.
 */
public final class SweepRunner {

  /** Hears of the sweep's progress; called from the threads that run points. */
  public interface Listener {
    /** Before any point runs: how many there are and how many a previous run finished. */
    void planned(int total, int alreadyDone);

    void started(SweepDefinition.Point point);

    void finished(SweepPoint point);

    /** Hears nothing: for sweeps run by code that reads their result only. */
    Listener NONE =
        new Listener() {
          @Override
          public void planned(int total, int alreadyDone) {}

          @Override
          public void started(SweepDefinition.Point point) {}

          @Override
          public void finished(SweepPoint point) {}
        };
  }

  /**
   * Where the points of a sweep run: on threads of this JVM ({@link #local}), or on the machines of
   * a cluster ({@code scenario.cluster}). Either way each finished point goes to the sink, which
   * keeps it exactly as a local sweep does.
   */
  public interface PointExecutor {
    /** Runs {@code missing} (sweep order) and returns once the sink has kept every one of them. */
    void runAll(ScenarioFile file, Path dir, List<SweepDefinition.Point> missing, PointSink sink)
        throws InterruptedException;
  }

  /** Keeps finished points: its file, its row in results.csv, the listener told. */
  public interface PointSink {
    void started(SweepDefinition.Point point);

    /** Keeps {@code point}; a second result for an id already kept is dropped (returns false). */
    boolean finished(SweepPoint point);
  }

  private SweepRunner() {}

  /**
   * Runs the missing points of {@code file}'s sweep into {@code dir} and returns every point, in
   * sweep order.
   */
  public static List<SweepPoint> run(ScenarioFile file, Path dir, int parallel, Listener listener) {
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel must be >= 1: " + parallel);
    }
    return run(file, dir, listener, local(parallel));
  }

  /** As {@link #run(ScenarioFile, Path, int, Listener)}, the points run by {@code executor}. */
  public static List<SweepPoint> run(
      ScenarioFile file, Path dir, Listener listener, PointExecutor executor) {
    List<SweepDefinition.Point> points = file.points();
    Scenario base = representative(file, points);
    List<String> order = points.stream().map(SweepDefinition.Point::id).toList();
    List<String> keys = new ArrayList<>(points.get(0).parameters().keySet());
    PointStore store = PointStore.open(dir);
    try (PointStore.Lock lock = store.lock()) {
      Map<String, SweepPoint> done = store.finished();
      refuseForeignPoints(dir, done.keySet(), order);
      SweepManifest.of(base.name(), file.sweep(), order, keys, base.accounting().outputs())
          .write(dir);
      // Rows a kill cut short go: the table restarts from the points that are whole.
      StringBuilder table = new StringBuilder(SweepTable.header(keys));
      PointStore.inOrder(order, done)
          .forEach(p -> table.append(SweepTable.row(p, keys, Optional.empty())));
      store.rewriteCsv(table.toString());
      List<SweepDefinition.Point> missing =
          points.stream().filter(p -> !done.containsKey(p.id())).toList();
      listener.planned(points.size(), points.size() - missing.size());
      try {
        executor.runAll(file, dir, missing, sink(store, keys, done.keySet(), listener));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the sweep was interrupted", e);
      }
      List<SweepPoint> all = PointStore.inOrder(order, store.finished());
      SweepReports.write(dir, SweepManifest.read(dir), all);
      return all;
    }
  }

  /**
   * Keeps each finished point once: its file, its row, the listener told. A point re-run elsewhere
   * (its worker lost) may finish twice; the first result stands.
   */
  private static PointSink sink(
      PointStore store, List<String> keys, Set<String> done, Listener listener) {
    Set<String> kept = ConcurrentHashMap.newKeySet();
    kept.addAll(done);
    return new PointSink() {
      @Override
      public void started(SweepDefinition.Point point) {
        listener.started(point);
      }

      @Override
      public boolean finished(SweepPoint result) {
        if (!kept.add(result.id())) {
          return false;
        }
        store.write(result);
        store.appendCsv(SweepTable.row(result, keys, Optional.empty()));
        listener.finished(result);
        return true;
      }
    };
  }

  /**
   * Refuses a folder holding points this sweep does not have: a point's id hashes its whole
   * scenario, so they belong to another scenario, or to this one before the file or a --set
   * changed. Reusing them would report old answers as new.
   */
  private static void refuseForeignPoints(Path dir, Set<String> stored, List<String> order) {
    Set<String> foreign = new TreeSet<>(stored);
    foreign.removeAll(new HashSet<>(order));
    if (!foreign.isEmpty()) {
      throw new ScenarioException(
          dir.toString(),
          "",
          "holds "
              + foreign.size()
              + " point(s) of"
              + " another scenario, or of this one before the file or a --set changed (e.g. points/"
              + foreign.iterator().next()
              + ".json); give another --out, or delete the folder to"
              + " start afresh");
    }
  }

  /** Runs points on {@code parallel} threads of this JVM. */
  public static PointExecutor local(int parallel) {
    return (file, dir, missing, sink) -> {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              parallel,
              r -> {
                Thread t = new Thread(r, "sweep-point");
                t.setDaemon(true);
                return t;
              });
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (SweepDefinition.Point p : missing) {
          futures.add(
              pool.submit(
                  () -> {
                    sink.started(p);
                    sink.finished(runPoint(file, p, dir));
                  }));
        }
        for (Future<?> f : futures) {
          f.get();
        }
      } catch (ExecutionException e) {
        if (e.getCause() instanceof OutputException o) {
          throw o; // a point's file could not be written: the path and reason, not a bug
        }
        throw new IllegalStateException("a sweep point could not be kept", e.getCause());
      } finally {
        pool.shutdownNow();
      }
    };
  }

  /**
   * The scenario that names the sweep and says what it reports: the file as written, or, where only
   * the sweep's values make it valid (its chips too few for a group it sets), the first point that
   * is.
   */
  private static Scenario representative(ScenarioFile file, List<SweepDefinition.Point> points) {
    try {
      return file.base();
    } catch (ScenarioException e) {
      for (SweepDefinition.Point p : points) {
        try {
          return file.point(p);
        } catch (ScenarioException | MissingFigureException ignored) {
          // try the next point; if none binds, the file's own error is the one to show
        }
      }
      throw e;
    }
  }

  /**
   * One point: its scenario bound and run, or the reason it could not be; a timeline (when the
   * scenario's report lists it) goes to {@code dir/timelines/<id>.json}.
   */
  public static SweepPoint runPoint(ScenarioFile file, SweepDefinition.Point p, Path dir) {
    int chips = 0;
    try {
      Scenario s = file.point(p);
      chips = s.chips();
      ScenarioRunner.Execution run = ScenarioRunner.execute(s, RuntimeChoice.SEQUENTIAL);
      if (RunReports.drawsTimeline(s.accounting())) {
        run.timeline()
            .ifPresent(
                t -> RunReports.writeTimelines(t, s.accounting(), dir.resolve("timelines"), p.id()));
      }
      RunResult r = run.result();
      return new SweepPoint(p.id(), p.parameters(), chips, r, null);
    } catch (ScenarioException | MissingFigureException e) {
      return new SweepPoint(p.id(), p.parameters(), chips, null, e.getMessage());
    } catch (OutOfMemoryError e) {
      return new SweepPoint(
          p.id(),
          p.parameters(),
          chips,
          null,
          "out of memory with a heap of "
              + Runtime.getRuntime().maxMemory() / (1 << 20)
              + " MiB (fewer --parallel points, or"
              + " more heap: SUPERNODE_SIM_JAVA_OPTS=-Xmx16g)");
    } catch (OutputException e) {
      throw e;
    } catch (RuntimeException e) {
      // Our bug, but this point's failure, not the sweep's: the others still run.
      return new SweepPoint(p.id(), p.parameters(), chips, null, e.toString());
    }
  }
}
