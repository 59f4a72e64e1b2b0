package org.supernodesim.scenario.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.supernodesim.results.ReplayResult;
import org.supernodesim.scenario.file.TraceSections.TraceSection;
import org.supernodesim.workload.graph.OperationGraph;
import org.supernodesim.workload.trace.ChipPlacement;
import org.supernodesim.workload.trace.TraceGraphs;
import org.supernodesim.workload.trace.TraceInputException;
import org.supernodesim.workload.trace.chakra.ChakraReader;
import org.supernodesim.workload.trace.text.SharedWalk;
import org.supernodesim.workload.trace.text.TextReplay;
import org.supernodesim.workload.trace.text.TextWorkload;

/**
 * Reads the trace a {@code workload.trace} section names, relative to the scenario file's folder,
 * and places its ranks on the cluster's chips. A mistake in the section is an {@link InvalidInput}
 * at its key; a mistake in the trace a {@link ScenarioException} at the trace's file and line (text)
 * or rank and node (Chakra).
 */
final class TraceAssembly {
  static final String PATH = "workload.trace";

  private TraceAssembly() {}

  static TraceWorkload workload(TraceSection t, int chips, Path baseDirectory) {
    Path path = baseDirectory.resolve(t.path()).normalize();
    List<Path> files = files(t.format(), path);
    if (t.format() == ReplayFormat.CHAKRA) {
      TraceGraphs graphs = located(baseDirectory, () -> chakra(t, files));
      List<Integer> chipOfRank = placement(t, graphs.ranks(), chips);
      return new TraceWorkload(facts(t, files, graphs.ranks(), chipOfRank, graphs.notes()),
          ChipPlacement.onChips(graphs, chips, chipOfRank));
    }
    TextReplay replay = located(baseDirectory,
        () -> text(t, files.get(0), Path.of(t.path()).toString(), chips));
    List<Integer> chipOfRank = placement(t, replay.ranks(), chips);
    List<String> notes = located(baseDirectory, replay::notes);
    // The ranks' own graphs only when asked for: thousands of ranks take minutes to build.
    Supplier<List<OperationGraph>> perChip = memoized(() -> ChipPlacement.onChips(
        located(baseDirectory, replay::graphs), chips, chipOfRank));
    return new TraceWorkload(facts(t, files, replay.ranks(), chipOfRank, notes), perChip,
        sharedWalk(replay));
  }

  /** The walk the ranks share, unless the layout has two spans one group on rank 0 only. */
  private static Optional<SharedWalk> sharedWalk(TextReplay replay) {
    try {
      return Optional.of(replay.sharedWalk());
    } catch (IllegalStateException e) {
      return Optional.empty(); // the ranks run their own graphs
    }
  }

  private static ReplayResult.Trace facts(
      TraceSection t, List<Path> files, int ranks, List<Integer> chipOfRank, List<String> notes) {
    return new ReplayResult.Trace(
        t.format().label(),
        t.path(),
        files.stream().map(f -> f.getFileName().toString()).toList(),
        sha256(files),
        ranks,
        chipOfRank,
        t.timeUnitPicos(),
        notes);
  }

  private static <T> Supplier<T> memoized(Supplier<T> source) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = source.get();
        }
        return value;
      }
    };
  }

  /** {@code read}'s value, a mistake in the trace a {@link ScenarioException} where it is. */
  private static <T> T located(Path baseDirectory, Supplier<T> read) {
    try {
      return read.get();
    } catch (TraceInputException e) {
      // The reader names files as the scenario does (so notes read the same on every machine);
      // an error names the file where the user can open it.
      String named = e.file() + (e.line().isPresent() ? ":" + e.line().getAsInt() : "");
      String where =
          baseDirectory.resolve(e.file()).normalize()
              + (e.line().isPresent() ? ":" + e.line().getAsInt() : "");
      throw new ScenarioException(
          where, PATH + ".path", e.getMessage().substring(named.length() + 2));
    }
  }

  /**
   * The files a trace's path stands for: a text workload's one file, or every {@code
   * <prefix>.<rank>.et} beside a Chakra prefix, in rank order. The ranks' completeness is the
   * reader's to check (it names the missing one).
   */
  static List<Path> files(ReplayFormat format, Path path) {
    return format == ReplayFormat.CHAKRA ? rankFiles(path) : List.of(text(path));
  }

  private static Path text(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInput(
          PATH + ".path",
          "no such file: " + file + " (a trace path is relative to the scenario file's folder)");
    }
    return file;
  }

  private static List<Path> rankFiles(Path prefix) {
    Path folder = prefix.getParent() == null ? Path.of(".") : prefix.getParent();
    String name = prefix.getFileName().toString();
    TreeMap<Integer, Path> byRank = new TreeMap<>();
    if (Files.isDirectory(folder)) {
      try (DirectoryStream<Path> listing = Files.newDirectoryStream(folder)) {
        for (Path f : listing) {
          int rank = ChakraReader.rankOf(f.getFileName().toString(), name);
          if (rank >= 0) {
            byRank.put(rank, f);
          }
        }
      } catch (IOException e) {
        throw new InvalidInput(PATH + ".path", "cannot list " + folder + ": " + e.getMessage());
      }
    }
    if (byRank.isEmpty()) {
      throw new InvalidInput(
          PATH + ".path",
          "no Chakra files "
              + name
              + ".<rank>.et in "
              + folder
              + "; a Chakra path is the files' prefix, e.g. traces/all_reduce for"
              + " traces/all_reduce.0.et, relative to the scenario file's folder");
    }
    return List.copyOf(byRank.values());
  }

  private static TraceGraphs chakra(TraceSection t, List<Path> files) {
    String name = files.get(0).getFileName().toString();
    String prefix = name.substring(0, name.lastIndexOf('.', name.length() - 4));
    List<ChakraReader.RankFile> ranks = new ArrayList<>(files.size());
    for (Path f : files) {
      ranks.add(
          new ChakraReader.RankFile(
              ChakraReader.rankOf(f.getFileName().toString(), prefix),
              Path.of(t.path()).resolveSibling(f.getFileName()).toString(),
              () -> Files.newInputStream(f)));
    }
    return ChakraReader.read(
        ranks, new ChakraReader.Options(t.timeUnitPicos(), Map.of(), t.algorithm()));
  }

  private static TextReplay text(TraceSection t, Path file, String name, int chips) {
    TextWorkload workload;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      workload = TextWorkload.parse(name, in, t.format().dialect());
    } catch (IOException e) {
      throw new InvalidInput(PATH + ".path", "cannot read " + file + ": " + e.getMessage());
    }
    // The header's all_gpus fixes the ranks; else the ranks list, else every chip.
    OptionalInt ranks =
        t.ranks() != null
            ? OptionalInt.of(t.ranks().size())
            : workload.headerRanks().isPresent() ? OptionalInt.empty() : OptionalInt.of(chips);
    OptionalInt local =
        t.localRanks() == null ? OptionalInt.empty() : OptionalInt.of(t.localRanks());
    return TextReplay.of(
        workload,
        new TextReplay.Options(ranks, t.timeUnitPicos(), local, t.algorithm(), t.passes()));
  }

  /** The chip of each rank: the ranks list, checked, or the first chips. */
  private static List<Integer> placement(TraceSection t, int ranks, int chips) {
    if (t.ranks() == null) {
      if (ranks > chips) {
        throw new InvalidInput(
            PATH + ".path",
            "the trace has "
                + ranks
                + " ranks but the cluster "
                + chips
                + " chips; give the cluster at least "
                + ranks
                + " chips");
      }
      return ChipPlacement.firstChips(ranks);
    }
    if (t.ranks().size() != ranks) {
      throw new InvalidInput(
          PATH + ".ranks",
          t.ranks().size() + " chips listed for a trace of " + ranks + " ranks; list one per rank");
    }
    boolean[] used = new boolean[chips];
    for (int r = 0; r < ranks; r++) {
      int chip = t.ranks().get(r);
      if (chip < 0 || chip >= chips) {
        throw new InvalidInput(
            PATH + ".ranks[" + r + "]", chip + "; chips are 0.." + (chips - 1));
      }
      if (used[chip]) {
        throw new InvalidInput(
            PATH + ".ranks[" + r + "]", chip + " holds another rank already; one rank per chip");
      }
      used[chip] = true;
    }
    return List.copyOf(t.ranks());
  }

  /** SHA-256 of the files' bytes one after the other. */
  private static String sha256(List<Path> files) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (Path f : files) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(f), md)) {
          while (in.read(buffer) >= 0) {
            // the digest reads along
          }
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new InvalidInput(PATH + ".path", "cannot read the trace: " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
