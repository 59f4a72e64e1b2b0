package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.supernodesim.scenario.run.ScenarioRunner;

/**
 * A run's progress on stderr, once it has taken longer than {@link #QUIET_SECONDS}: on a terminal
 * one line rewritten every second (wall time, and the share done where the workload can tell, as a
 * serving run's completed requests); elsewhere a plain line every {@link #LINE_SECONDS}, so logs
 * stay short. It only reads: nothing of it reaches result.json.
 */
final class RunProgress implements ScenarioRunner.Watch {
  static final double QUIET_SECONDS = 3;
  static final double LINE_SECONDS = 30;

  private final String name;
  private final PrintWriter err;
  private final boolean terminal;
  private Thread thread;
  private volatile boolean running;
  private boolean shown;

  RunProgress(String name, PrintWriter err, boolean terminal) {
    this.name = name;
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void started(DoubleSupplier fractionDone) {
    running = true;
    long start = System.nanoTime();
    thread = new Thread(() -> watch(start, fractionDone), "run-progress");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void ended() {
    running = false;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (shown && terminal) {
        err.print("\r\033[K"); // clear the line: the summary follows on stdout
        err.flush();
      }
    }
  }

  private void watch(long startNanos, DoubleSupplier fractionDone) {
    double next = QUIET_SECONDS;
    try {
      while (running) {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        if (elapsed >= next) {
          show(line(elapsed, fractionDone.getAsDouble()));
          next = elapsed + (terminal ? 1 : LINE_SECONDS);
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      // the run ended
    }
  }

  /** "serving-azure-code-h20: simulating, 12 s, 41.2 % done, about 17 s left". */
  String line(double elapsed, double fraction) {
    StringBuilder s =
        new StringBuilder(name)
            .append(": simulating, ")
            .append(String.format(Locale.ROOT, "%.0f s", elapsed));
    if (!Double.isNaN(fraction) && fraction > 0 && fraction < 1) {
      s.append(
          String.format(
              Locale.ROOT,
              ", %.1f %% done, about %.0f s left",
              100 * fraction,
              elapsed * (1 - fraction) / fraction));
    }
    return s.toString();
  }

  private synchronized void show(String line) {
    if (!running) {
      return;
    }
    shown = true;
    if (terminal) {
      err.print("\r\033[K" + line);
    } else {
      err.println(line);
    }
    err.flush();
  }
}
