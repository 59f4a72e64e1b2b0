package org.supernodesim.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed scenario file, kept as a tree so that each sweep point is bound as if the file said so:
 * the point's settings are written into a copy of the tree before it is validated, so every key is
 * sweepable and a point's mistake names the file, line and column of the value that caused it.
 */
public final class ScenarioFile {
  private final ScenarioLoader loader;
  private final ScenarioFormat format;
  private final ObjectNode tree;
  private final KeyLocations locations;
  private final Map<String, String> edits;
  private final SweepDefinition sweep;
  private final Optional<JsonNode> plan;
  private final Path baseDirectory;

  ScenarioFile(
      ScenarioLoader loader,
      ScenarioFormat format,
      ObjectNode tree,
      KeyLocations locations,
      Map<String, String> edits,
      SweepDefinition sweep,
      Optional<JsonNode> plan,
      Path baseDirectory) {
    this.loader = loader;
    this.format = format;
    this.tree = tree;
    this.locations = locations;
    // In the order given: the first edit that wrote or created a key is the one blamed for it.
    this.edits = Collections.unmodifiableMap(new LinkedHashMap<>(edits));
    this.plan = plan;
    this.baseDirectory = baseDirectory;
    this.sweep =
        sweep.withIds(
            settings ->
                SweepDefinition.readable(settings)
                    + "-"
                    + SweepDefinition.sha256(effectiveTree(settings).toString()).substring(0, 12));
  }

  /** The scenario as written, without its sweep. */
  public Scenario base() {
    return loader.bind(format, tree, locations, edits, baseDirectory);
  }

  /** The sweep block; {@link SweepDefinition#NONE} if the file has none. */
  public SweepDefinition sweep() {
    return sweep;
  }

  /**
   * The scenario of one sweep point: the file with the point's settings written into it.
   *
   * @throws ScenarioException naming the sweep value whose setting made the point invalid
   */
  public Scenario point(SweepDefinition.Point point) {
    Map<String, String> pointEdits = new LinkedHashMap<>();
    ObjectNode copy = pointTree(point.settings(), pointEdits);
    // --set edits stay labelled as such unless a sweep setting replaced them.
    edits.forEach(pointEdits::putIfAbsent);
    try {
      return loader.bind(format, copy, locations, pointEdits, baseDirectory);
    } catch (ScenarioException e) {
      if (e.where().contains("(sweep point ")) {
        throw e;
      }
      // A key the sweep did not set conflicts with one it did: name the point's settings too.
      throw new ScenarioException(
          e.where(),
          e.keyPath(),
          e.problem() + " (in sweep point " + point.id() + ": " + point.parameters() + ")");
    }
  }

  /**
   * The models the scenario's workload names, with the parameters counted from each beside those
   * its source or the scenario states ({@code validate} prints them).
   */
  public List<ModelSummary> models() {
    return new ModelSources(loader.modelPresets(), baseDirectory).summaries(tree);
  }

  /**
   * The file's {@code plan:} block bound to {@code type} (a record of {@code scenario.plan}), as
   * strictly as the scenario's sections and with its errors located the same way; empty if the file
   * has none.
   */
  public <T> Optional<T> plan(Class<T> type) {
    return plan.map(
        block -> loader.bindBlock(format, ScenarioLoader.PLAN_KEY, block, type, locations, edits));
  }

  /**
   * {@code file:line:column} of the key at {@code keyPath}, or the {@code --set} edit that wrote
   * it: where an error about that key, found after binding, points.
   */
  public String where(String keyPath) {
    return new BindingErrors(locations, edits, tree, format).at(keyPath, "").where();
  }

  /**
   * The effective scenario of a point with {@code settings} as a tree of its own: the file with its
   * {@code --set} edits and these values written in, without {@code sweep:} or {@code plan:}. What
   * that point's scenario, written out as a file, holds; its point id hashes the same tree.
   */
  public ObjectNode effectiveTree(List<SweepDefinition.Setting> settings) {
    return pointTree(settings, new LinkedHashMap<>());
  }

  /** The key paths whose values name files, relative to the scenario's folder. */
  public static List<String> fileKeys() {
    return FileReferences.KEYS;
  }

  /**
   * The JSON pointers of {@code tree}'s values that name files relative to the scenario's folder:
   * the {@link #fileKeys()} and each serving instance group's measured expert load.
   */
  public static List<String> filePointers(com.fasterxml.jackson.databind.JsonNode tree) {
    return FileReferences.pointers(tree);
  }

  /** The folder the files the scenario names are relative to. */
  public Path baseDirectory() {
    return baseDirectory;
  }

  /**
   * The files the scenario names ({@link FileReferences}: request traces, replayed traces, model
   * configs), as written, in the file and in every sweep point, each with the key naming it: what
   * must travel with the scenario to a machine that does not share this one's disk.
   */
  public Map<String, String> fileReferences() {
    List<ObjectNode> trees = new ArrayList<>();
    trees.add(tree);
    for (SweepDefinition.Point point : points()) {
      try {
        trees.add(effectiveTree(point.settings()));
      } catch (ScenarioException e) {
        // the point is invalid wherever it runs, and says so there
      }
    }
    Map<String, String> files = new java.util.TreeMap<>();
    for (ObjectNode t : trees) {
      FileReferences.of(t, baseDirectory).forEach(files::putIfAbsent);
    }
    return files;
  }

  /**
   * The tree with {@code settings} written into a copy; each edit's key path and place go into
   * {@code pointEdits}.
   */
  private ObjectNode pointTree(
      List<SweepDefinition.Setting> settings, Map<String, String> pointEdits) {
    ObjectNode copy = tree.deepCopy();
    for (SweepDefinition.Setting s : settings) {
      String where = s.where() + " (sweep point " + SweepDefinition.readable(settings) + ")";
      TreeEdits.put(copy, s.keyPath(), s.value(), where);
      pointEdits.put(s.keyPath(), where);
    }
    return copy;
  }

  /** The points of the sweep, in sweep order; none without a sweep block. */
  public List<SweepDefinition.Point> points() {
    return sweep.points();
  }
}
