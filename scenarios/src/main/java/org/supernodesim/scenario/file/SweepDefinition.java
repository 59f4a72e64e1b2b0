package org.supernodesim.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.supernodesim.results.scaling.ScalingKind;

/**
 * A scenario's {@code sweep:} block: lists of values over key paths, expanded into points.
 *
 * <pre>
 * sweep:
 *   cluster.chips: [8, 16, 32]          # each key path with a list is one axis of a product
 *   network.model: [analytical]
 *   zip:                                # lists walked together, index by index: one more axis
 *     workload.collectives[0].size: [1 GiB, 2 GiB, 4 GiB]
 *     seed: [1, 2, 3]
 *   scaling: { kind: strong, threshold: 0.8 }   # how a sweep over cluster.chips is read
 * </pre>
 *
 * Points come in a fixed order: the product axes in the order written, the last varying fastest,
 * the zip axis after them. A point's id reads as its parameters ({@code chips-64-…}) and ends in a
 * hash of its whole effective scenario (the file, the {@code --set} edits and the point's
 * values; {@link ScenarioFile}), so a restarted sweep recognises the points it has, and a changed
 * scenario never takes another's point for its own. A sweep has at most {@value #MAX_POINTS}
 * points.
 */
public final class SweepDefinition {
  static final String KEY = "sweep";
  /** More points than this is a mistake (a product of long lists), not a plan. */
  static final int MAX_POINTS = 100_000;
  private static final String ZIP = "zip";
  private static final String SCALING = "scaling";

  /** No sweep: a scenario file without a {@code sweep:} block. */
  public static final SweepDefinition NONE =
      new SweepDefinition(List.of(), Scaling.DEFAULT);

  /**
   * One value a point gives to one key.
   *
   * @param keyPath where the value goes, e.g. {@code cluster.chips}
   * @param value the value as the file wrote it
   * @param text the value as a table prints it: {@code 64}, {@code 1 GiB}
   * @param where {@code file:line:column} of the value in the sweep block
   */
  public record Setting(String keyPath, JsonNode value, String text, String where) {}

  /**
   * One point of the sweep.
   *
   * @param id stable: the parameters, readable, and a hash of the point's effective scenario;
   *     safe as a file name
   * @param settings the values this point sets, in the sweep's order of keys
   */
  public record Point(String id, List<Setting> settings) {
    public Point {
      settings = List.copyOf(settings);
    }

    /** Key path to value text, in the sweep's order. */
    public Map<String, String> parameters() {
      Map<String, String> p = new LinkedHashMap<>();
      settings.forEach(s -> p.put(s.keyPath(), s.text()));
      return p;
    }
  }

  /**
   * How a sweep over {@code cluster.chips} is read as scaling.
   *
   * @param kind {@code strong} (the workload is fixed: global batch, or the collective's buffer) or
   *     {@code weak} (the work per chip is fixed)
   * @param threshold the efficiency whose crossing the report names, in (0, 1)
   */
  public record Scaling(ScalingKind kind, double threshold) {
    public static final Scaling DEFAULT = new Scaling(ScalingKind.STRONG, 0.8);
  }

  private final List<Point> points;
  private final Scaling scaling;

  /** The same sweep with its points re-identified by {@code id} (of each point's settings). */
  SweepDefinition withIds(java.util.function.Function<List<Setting>, String> id) {
    List<Point> renamed = new ArrayList<>(points.size());
    points.forEach(p -> renamed.add(new Point(id.apply(p.settings()), p.settings())));
    return new SweepDefinition(renamed, scaling);
  }

  private SweepDefinition(List<Point> points, Scaling scaling) {
    this.points = List.copyOf(points);
    this.scaling = scaling;
  }

  /** True if the file had a sweep block. */
  public boolean present() {
    return !points.isEmpty();
  }

  /** The points in sweep order. */
  public List<Point> points() {
    return points;
  }

  public Scaling scaling() {
    return scaling;
  }

  /** Reads the block; each mistake names the place of the value in the file. */
  static SweepDefinition parse(JsonNode sweep, KeyLocations locations) {
    if (!sweep.isObject() || sweep.isEmpty()) {
      throw new ScenarioException(
          locations.where(KEY), KEY,
          "a sweep is a mapping of key paths to lists of values, e.g. cluster.chips: [8, 16, 32]");
    }
    List<List<Setting>> axes = new ArrayList<>();
    Scaling scaling = Scaling.DEFAULT;
    for (Iterator<Map.Entry<String, JsonNode>> it = sweep.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = KEY + "." + e.getKey();
      if (e.getKey().equals(ZIP)) {
        axes.add(null); // placeholder: the zip axis is read below and goes where it was written
        continue;
      }
      if (e.getKey().equals(SCALING)) {
        scaling = scaling(e.getValue(), path, locations);
        continue;
      }
      List<Setting> axis = new ArrayList<>();
      for (Setting s : values(e.getKey(), e.getValue(), path, locations)) {
        axis.add(s);
      }
      axes.add(axis);
    }
    List<List<List<Setting>>> expanded = new ArrayList<>();
    for (int i = 0; i < axes.size(); i++) {
      if (axes.get(i) == null) {
        expanded.add(zip(sweep.get(ZIP), KEY + "." + ZIP, locations));
      } else {
        List<List<Setting>> single = new ArrayList<>();
        axes.get(i).forEach(s -> single.add(List.of(s)));
        expanded.add(single);
      }
    }
    if (expanded.isEmpty()) {
      throw new ScenarioException(
          locations.where(KEY), KEY, "the sweep has no key paths with lists of values");
    }
    long count = 1;
    for (List<List<Setting>> axis : expanded) {
      count = Math.min(Long.MAX_VALUE / 2, count * axis.size());
    }
    if (count > MAX_POINTS) {
      throw new ScenarioException(locations.where(KEY), KEY, count + " points; a sweep has at most "
          + MAX_POINTS + " (each point is a run: split it, or use fewer values)");
    }
    List<List<Setting>> combos = new ArrayList<>();
    combos.add(List.of());
    for (List<List<Setting>> axis : expanded) {
      List<List<Setting>> next = new ArrayList<>();
      for (List<Setting> prefix : combos) {
        for (List<Setting> values : axis) {
          List<Setting> c = new ArrayList<>(prefix);
          c.addAll(values);
          next.add(c);
        }
      }
      combos = next;
    }
    List<Point> points = new ArrayList<>();
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (List<Setting> c : combos) {
      Point p = new Point(id(c), c);
      if (!ids.add(p.id())) {
        throw new ScenarioException(
            c.get(0).where(), c.get(0).keyPath(),
            "the sweep lists the point " + p.parameters() + " twice; give each value once");
      }
      points.add(p);
    }
    return new SweepDefinition(points, scaling);
  }

  private static List<Setting> values(
      String keyPath, JsonNode list, String path, KeyLocations locations) {
    if (!list.isArray() || list.isEmpty()) {
      throw new ScenarioException(
          locations.where(path), path,
          "expected a non-empty list of values, e.g. [8, 16, 32]; found " + list);
    }
    List<Setting> settings = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode v = list.get(i);
      settings.add(
          new Setting(keyPath, v, v.isValueNode() ? v.asText() : v.toString(),
              locations.where(path + "[" + i + "]")));
    }
    return settings;
  }

  private static List<List<Setting>> zip(JsonNode zip, String path, KeyLocations locations) {
    if (!zip.isObject() || zip.isEmpty()) {
      throw new ScenarioException(
          locations.where(path), path,
          "zip is a mapping of key paths to lists of equal length, walked together");
    }
    List<List<Setting>> columns = new ArrayList<>();
    int length = -1;
    String first = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = zip.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String keyPath = path + "." + e.getKey();
      List<Setting> column = values(e.getKey(), e.getValue(), keyPath, locations);
      if (length >= 0 && column.size() != length) {
        throw new ScenarioException(
            locations.where(keyPath), keyPath,
            column.size() + " values, but " + first + " has " + length
                + "; zipped lists must have the same length");
      }
      length = column.size();
      first = e.getKey();
      columns.add(column);
    }
    List<List<Setting>> rows = new ArrayList<>();
    for (int i = 0; i < length; i++) {
      List<Setting> row = new ArrayList<>();
      for (List<Setting> column : columns) {
        row.add(column.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  private static Scaling scaling(JsonNode node, String path, KeyLocations locations) {
    ScalingKind kind = Scaling.DEFAULT.kind();
    double threshold = Scaling.DEFAULT.threshold();
    if (!node.isObject()) {
      throw new ScenarioException(
          locations.where(path), path, "expected a mapping such as {kind: strong, threshold: 0.8}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = path + "." + e.getKey();
      switch (e.getKey()) {
        case "kind" -> kind = scalingKind(e.getValue(), key, locations);
        case "threshold" -> {
          threshold = e.getValue().asDouble(Double.NaN);
          if (!e.getValue().isNumber() || !(threshold > 0 && threshold < 1)) {
            throw new ScenarioException(
                locations.where(key), key, e.getValue() + "; an efficiency threshold is in (0, 1)");
          }
        }
        default -> throw new ScenarioException(
            locations.where(key), key, "unknown key; keys here: kind, threshold");
      }
    }
    return new Scaling(kind, threshold);
  }

  private static ScalingKind scalingKind(JsonNode value, String key, KeyLocations locations) {
    for (ScalingKind k : ScalingKind.values()) {
      if (value.isTextual() && k.label().equals(value.asText())) {
        return k;
      }
    }
    throw new ScenarioException(locations.where(key), key, value + " is not valid here; valid: "
        + String.join(", ", java.util.Arrays.stream(ScalingKind.values()).map(ScalingKind::label)
            .toList()));
  }

  /**
   * A readable part (last key and value, e.g. {@code chips-64}) and 8 hex digits of the SHA-256 of
   * the full settings, so that two points of one sweep can never share an id; {@link
   * ScenarioFile} replaces the digits by the hash of the point's whole scenario.
   */
  static String id(List<Setting> settings) {
    StringBuilder full = new StringBuilder();
    for (Setting s : settings) {
      full.append(s.keyPath()).append('=').append(s.value().toString()).append('\n');
    }
    return readable(settings) + "-" + sha256(full.toString()).substring(0, 8);
  }

  /** The readable part of a point's id: the last key of each setting and its value. */
  static String readable(List<Setting> settings) {
    StringBuilder readable = new StringBuilder();
    for (Setting s : settings) {
      String key = s.keyPath().substring(s.keyPath().lastIndexOf('.') + 1);
      if (readable.length() > 0) {
        readable.append('_');
      }
      readable.append(slug(key)).append('-').append(slug(s.text()));
    }
    return readable.length() > 60 ? readable.substring(0, 60) : readable.toString();
  }

  private static String slug(String text) {
    String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]+", "");
    return s.isEmpty() ? "x" : s;
  }

  static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
