package org.supernodesim.scenario.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed scenario file, kept as a tree so that each sweep point is bound as if the file said so:
 * the point's settings are written into a copy of the tree before it is validated, so every key is
 * sweepable and a point's mistake names the file, line and column of the value that caused it.
 */
public final class ScenarioFile {
  private final ScenarioLoader loader;
  private final ObjectMapper mapper;
  private final ObjectNode tree;
  private final KeyLocations locations;
  private final Map<String, String> edits;
  private final SweepDefinition sweep;
  private final Path baseDirectory;

  ScenarioFile(
      ScenarioLoader loader,
      ObjectMapper mapper,
      ObjectNode tree,
      KeyLocations locations,
      Map<String, String> edits,
      SweepDefinition sweep,
      Path baseDirectory) {
    this.loader = loader;
    this.mapper = mapper;
    this.tree = tree;
    this.locations = locations;
    // In the order given: the first edit that wrote or created a key is the one blamed for it.
    this.edits = Collections.unmodifiableMap(new LinkedHashMap<>(edits));
    this.baseDirectory = baseDirectory;
    this.sweep = sweep.withIds(settings -> SweepDefinition.readable(settings) + "-"
        + SweepDefinition.sha256(pointTree(settings, new LinkedHashMap<>()).toString())
            .substring(0, 12));
  }

  /** The scenario as written, without its sweep. */
  public Scenario base() {
    return loader.bind(mapper, tree, locations, edits, baseDirectory);
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
      return loader.bind(mapper, copy, locations, pointEdits, baseDirectory);
    } catch (ScenarioException e) {
      if (e.where().contains("(sweep point ")) {
        throw e;
      }
      // A key the sweep did not set conflicts with one it did: name the point's settings too.
      throw new ScenarioException(
          e.where(), e.keyPath(), e.problem() + " (in sweep point " + point.id() + ": "
              + point.parameters() + ")");
    }
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
