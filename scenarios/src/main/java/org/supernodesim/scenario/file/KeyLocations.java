package org.supernodesim.scenario.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each key of a scenario file stands: one pass over the parser's tokens records the line and
 * column of every key path ({@code cluster.fabric.link}, {@code workload.collectives[0].size}), so
 * an error found after binding can still point into the file. The same pass refuses, where they
 * stand, what the parser would read wrongly or without bound: a YAML alias (read as the text of its
 * anchor's name) and nesting deeper than the limit.
 */
final class KeyLocations {
  private final String fileName;
  private final Map<String, int[]> lineColumn = new LinkedHashMap<>();

  private KeyLocations(String fileName) {
    this.fileName = fileName;
  }

  static KeyLocations index(JsonFactory factory, String fileName, String text, int maxNesting)
      throws IOException {
    KeyLocations locations = new KeyLocations(fileName);
    locations.lineColumn.put("", new int[] {1, 1});
    try (JsonParser p = factory.createParser(text)) {
      // Each open container: its path, and for arrays the index of the next element.
      Deque<String> paths = new ArrayDeque<>();
      Deque<int[]> arrayIndex = new ArrayDeque<>();
      String pendingKey = null;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME) {
          String parent = paths.isEmpty() ? "" : paths.peek();
          pendingKey = parent.isEmpty() ? p.currentName() : parent + "." + p.currentName();
          locations.put(pendingKey, p.currentTokenLocation());
          continue;
        }
        String here = pendingKey;
        pendingKey = null;
        if (here == null && !arrayIndex.isEmpty() && arrayIndex.peek()[0] >= 0) {
          here = paths.peek() + "[" + arrayIndex.peek()[0]++ + "]";
          locations.put(here, p.currentTokenLocation());
        }
        if (here == null) {
          here = "";
        }
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
          throw new ScenarioException(
              at(fileName, p.currentTokenLocation()),
              here,
              "*"
                  + p.getText()
                  + " is a YAML alias; aliases are not expanded in scenarios (the"
                  + " value would be read as the text \""
                  + p.getText()
                  + "\"): write the value out");
        }
        if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY)
            && paths.size() >= maxNesting) {
          throw new ScenarioException(
              at(fileName, p.currentTokenLocation()),
              here,
              "nested "
                  + (paths.size() + 1)
                  + " levels deep; a scenario nests at most "
                  + maxNesting);
        }
        if (t == JsonToken.START_OBJECT) {
          paths.push(here);
          arrayIndex.push(new int[] {-1});
        } else if (t == JsonToken.START_ARRAY) {
          paths.push(here);
          arrayIndex.push(new int[] {0});
        } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          paths.pop();
          arrayIndex.pop();
        }
      }
    }
    return locations;
  }

  private static String at(String fileName, JsonLocation location) {
    return fileName + ":" + location.getLineNr() + ":" + location.getColumnNr();
  }

  private void put(String path, JsonLocation location) {
    lineColumn.putIfAbsent(path, new int[] {location.getLineNr(), location.getColumnNr()});
  }

  /** True if the file has this key. */
  boolean has(String path) {
    return lineColumn.containsKey(path);
  }

  /**
   * {@code file:line:column} of the key at {@code path}, or of its nearest enclosing key the file
   * has (a missing key is reported where its mapping starts).
   */
  String where(String path) {
    String p = path;
    while (!lineColumn.containsKey(p)) {
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    int[] lc = lineColumn.get(p);
    return fileName + ":" + lc[0] + ":" + lc[1];
  }
}
