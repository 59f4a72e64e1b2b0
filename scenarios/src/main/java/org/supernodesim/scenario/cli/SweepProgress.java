package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.supernodesim.results.report.SweepPoint;
import org.supernodesim.scenario.file.SweepDefinition;
import org.supernodesim.scenario.sweep.SweepRunner;

/**
 * A sweep's progress: a progress bar (points done, running, failed, time left) on a terminal;
 * one plain line per finished point otherwise, so logs and CI output stay readable.
 */
abstract class SweepProgress implements SweepRunner.Listener, AutoCloseable {
  protected int total;
  protected int done;
  protected int running;
  protected int failed;
  private int doneBefore;
  private long startedNanos;

  static SweepProgress create(String name, PrintWriter out) {
    return System.console() != null ? new Bar(name) : new Lines(name, out);
  }

  @Override
  public synchronized void planned(int totalPoints, int alreadyDone) {
    total = totalPoints;
    done = alreadyDone;
    doneBefore = alreadyDone;
    startedNanos = System.nanoTime();
    show(null);
  }

  @Override
  public synchronized void started(SweepDefinition.Point point) {
    running++;
    show(null);
  }

  @Override
  public synchronized void finished(SweepPoint point) {
    running--;
    done++;
    if (!point.ok()) {
      failed++;
    }
    show(point);
  }

  /** Seconds left at the pace of the points this run finished; NaN before the first. */
  protected double secondsLeft() {
    int ranHere = done - doneBefore;
    if (ranHere == 0) {
      return Double.NaN;
    }
    double elapsed = (System.nanoTime() - startedNanos) / 1e9;
    return elapsed / ranHere * (total - done);
  }

  protected String counts() {
    return String.format(Locale.ROOT, "running %d, failed %d", running, failed);
  }

  abstract void show(SweepPoint justFinished);

  @Override
  public abstract void close();

  /** On a terminal: me.tongfei's progress bar, its extra message the running and failed counts. */
  private static final class Bar extends SweepProgress {
    private final String name;
    private ProgressBar bar;

    Bar(String name) {
      this.name = name;
    }

    @Override
    void show(SweepPoint justFinished) {
      if (bar == null) {
        bar =
            new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" points", 1)
                .build();
      }
      bar.stepTo(done);
      // The bar shows done/total and the time left (ETA) itself.
      bar.setExtraMessage(running + " running, " + failed + " failed");
    }

    @Override
    public synchronized void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  /** Elsewhere: a line per finished point with the same counts and the time left. */
  private static final class Lines extends SweepProgress {
    private final String name;
    private final PrintWriter out;

    Lines(String name, PrintWriter out) {
      this.name = name;
      this.out = out;
    }

    @Override
    void show(SweepPoint p) {
      if (p == null && running == 0) {
        out.printf("%s: %d points, %d of them finished before%n", name, total, done);
      } else if (p != null) {
        double left = secondsLeft();
        out.printf(
            Locale.ROOT, "[%d/%d] %s %s; %s; %s left%n", done, total, p.id(),
            p.ok() ? "ok" : "failed", counts(),
            Double.isNaN(left) ? "?" : String.format(Locale.ROOT, "%.0f s", left));
      }
      out.flush();
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}
