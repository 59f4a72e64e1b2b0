package org.supernodesim.scenario.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioFile;
import org.supernodesim.scenario.file.ScenarioLoader;

/**
 * A scenario as it travels to a worker: its text, its {@code --set} edits and every file it names
 * (request traces, replayed traces, model configs), so that a worker needs no shared disk. The worker lays the files out under a
 * folder of its own exactly as they lie relative to the scenario here, and reads the scenario as
 * if from there; its points are then the same points, with the same ids.
 *
 * <p>Worked example: {@code /home/a/scen/serving.yaml} naming {@code ../traces/code.csv} travels
 * as {@code folder = "scen"} and {@code files = {"traces/code.csv": <bytes>}} (their common
 * folder is {@code /home/a}); a worker writes {@code <tmp>/traces/code.csv} and reads the scenario
 * with {@code <tmp>/scen} as its folder.
 *
 * @param fileName the scenario file's name, as errors name it
 * @param text the scenario file's text
 * @param sets the {@code --set key.path=value} edits, in order
 * @param json true for a JSON file, false for YAML
 * @param folder the scenario's folder, relative to the bundle's root ({@code /}-separated)
 * @param files each file the scenario names, by its path relative to the bundle's root
 */
public record ScenarioBundle(
    String fileName, String text, List<String> sets, boolean json, String folder,
    Map<String, byte[]> files) {
  public ScenarioBundle {
    sets = List.copyOf(sets);
    files = new TreeMap<>(files);
    checkRelative(folder);
    files.keySet().forEach(ScenarioBundle::checkRelative);
  }

  /**
   * Bundles the scenario at {@code path} with the files it (or any sweep point) names.
   *
   * @throws ScenarioException for a file named by an absolute path, which could not travel
   */
  public static ScenarioBundle of(Path path, List<String> sets, ScenarioFile file) {
    try {
      return of(path, Files.readString(path, StandardCharsets.UTF_8), sets, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /**
   * As {@link #of(Path, List, ScenarioFile)}, the scenario's {@code text} given (a plan's, with its
   * generated sweep) rather than read from {@code path}, which only names it and its folder.
   */
  public static ScenarioBundle of(Path path, String text, List<String> sets, ScenarioFile file) {
    Path folder = file.baseDirectory().toAbsolutePath().normalize();
    Set<Path> named = new TreeSet<>();
    Path root = folder;
    for (Map.Entry<String, String> reference : file.fileReferences().entrySet()) {
      String ref = reference.getKey();
      if (Path.of(ref).isAbsolute()) {
        throw new ScenarioException(
            path.toString(), reference.getValue(),
            "\"" + ref + "\" is an absolute path, which a worker on another machine cannot read;"
                + " write it relative to the scenario file so the file travels with the scenario");
      }
      Path resolved = folder.resolve(ref).normalize();
      if (Files.isRegularFile(resolved)) { // a missing one fails on the worker as it would here
        named.add(resolved);
        root = common(root, resolved.getParent());
      }
    }
    Map<String, byte[]> files = new TreeMap<>();
    try {
      for (Path f : named) {
        files.put(slashes(root.relativize(f)), Files.readAllBytes(f));
      }
      return new ScenarioBundle(
          path.getFileName().toString(), text, sets,
          path.toString().endsWith(".json"), slashes(root.relativize(folder)), files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the scenario's files", e);
    }
  }

  /** SHA-256 of everything the bundle holds: equal hashes, equal scenarios and points. */
  public String hash() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      field(md, fileName.getBytes(StandardCharsets.UTF_8));
      field(md, text.getBytes(StandardCharsets.UTF_8));
      field(md, String.join("\n", sets).getBytes(StandardCharsets.UTF_8));
      field(md, new byte[] {(byte) (json ? 1 : 0)});
      field(md, folder.getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        field(md, f.getKey().getBytes(StandardCharsets.UTF_8));
        field(md, f.getValue());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Writes the files under {@code root} and reads the scenario as if it lay there. */
  public ScenarioFile unpack(Path root, ScenarioLoader loader) {
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path target = root.resolve(f.getKey()).normalize();
        Files.createDirectories(target.getParent());
        Files.write(target, f.getValue());
      }
      Path base = root.resolve(folder).normalize();
      Files.createDirectories(base);
      return loader.parse(fileName, text, sets, json, base);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack the scenario's files under " + root, e);
    }
  }

  /** A path that stays inside the bundle: relative, no {@code ..}; else the bundle is refused. */
  private static void checkRelative(String path) {
    Path p = Path.of(path).normalize();
    if (p.isAbsolute() || p.startsWith("..") || path.contains("\\")) {
      throw new IllegalArgumentException("a bundled path must stay inside the bundle: " + path);
    }
  }

  private static Path common(Path a, Path b) {
    Path c = a;
    while (c != null && !b.startsWith(c)) {
      c = c.getParent();
    }
    if (c == null) {
      throw new IllegalStateException("no common folder of " + a + " and " + b);
    }
    return c;
  }

  private static String slashes(Path relative) {
    return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
  }

  private static void field(MessageDigest md, byte[] bytes) {
    md.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
    md.update(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScenarioBundle b && b.hash().equals(hash());
  }

  @Override
  public int hashCode() {
    return hash().hashCode();
  }

  @Override
  public String toString() {
    return "ScenarioBundle[" + fileName + ", " + files.size() + " files]";
  }
}
