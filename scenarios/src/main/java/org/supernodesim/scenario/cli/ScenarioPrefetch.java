package org.supernodesim.scenario.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * A scenario read and bound on a thread of its own while the main thread builds the command line:
 * the two cost about as much each (picocli reads its annotations, Jackson builds its readers, both
 * cold), and a machine has a second core. The thread first reads the catalog's prices and builds
 * the chip files' and the scenario's readers, which every scenario needs, then reads the file the
 * command line seems to name with the {@code --set} edits it seems to give.
 *
 * <p>The guess is only a guess: the command takes the read only if the file and edits picocli
 * parsed are the guessed ones, and reads the file itself otherwise, or if the read here failed
 * (so a mistake is reported by the command's own read, as without a prefetch). Reading is a pure
 * function of the file, its edits and the catalog, so either read gives the same scenario.
 */
final class ScenarioPrefetch {
  // The one started by main, until a command takes it; null in tests, which call execute.
  private static volatile ScenarioPrefetch pending;

  private final Path file; // null: the catalog only
  private final List<String> sets;
  private final Thread thread;
  private ScenarioFile read; // written by the thread; seen after join

  private ScenarioPrefetch(Path file, List<String> sets) {
    this.file = file;
    this.sets = sets;
    this.thread = new Thread(this::prefetch, "scenario-prefetch");
    thread.setDaemon(true);
  }

  /**
   * Starts reading the catalog and, if {@code scenario} and {@code args} ({@code COMMAND FILE
   * [OPTIONS]}) name a file first, that scenario.
   */
  static void start(String[] args, boolean scenario) {
    ScenarioPrefetch p =
        new ScenarioPrefetch(scenario ? guessFile(args) : null, guessSets(args));
    pending = p;
    Thread catalog = new Thread(ScenarioPrefetch::prefetchCatalog, "catalog-prefetch");
    catalog.setDaemon(true);
    catalog.start();
    p.thread.start();
  }

  /**
   * The scenario {@code file} with {@code sets} as read ahead, bound once; empty if none was read
   * for these arguments (then the caller reads it).
   */
  static Optional<ScenarioFile> take(Path file, List<String> sets) {
    ScenarioPrefetch p = pending;
    pending = null;
    if (p == null || p.file == null || !p.file.equals(file) || !p.sets.equals(sets)) {
      return Optional.empty();
    }
    try {
      p.thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    return Optional.ofNullable(p.read);
  }

  private void prefetch() {
    try {
      ScenarioLoader.prepare();
      if (file != null) {
        ScenarioFile f = ScenarioOptions.loader().read(file, sets);
        f.base(); // binds it, for the command to take
        read = f;
      }
    } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
      // the command's own read reports it
    }
  }

  /** Reads the catalog's prices and builds its files' reader (the scenario waits where it must). */
  private static void prefetchCatalog() {
    try {
      Catalog.standard().prepare();
    } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
      // the scenario's own read reports it
    }
  }

  /** The second argument, if it is not an option, an argument file or the end of options. */
  private static Path guessFile(String[] args) {
    if (args.length < 2 || args[1].startsWith("-") || args[1].startsWith("@")) {
      return null;
    }
    try {
      return Path.of(args[1]);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** The values of {@code --set V} and {@code --set=V} in {@code args}, in order. */
  private static List<String> guessSets(String[] args) {
    List<String> sets = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--set") && i + 1 < args.length) {
        sets.add(args[++i]);
      } else if (args[i].startsWith("--set=")) {
        sets.add(args[i].substring("--set=".length()));
      }
    }
    return sets;
  }
}
