package org.supernodesim.scenario.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where each key of a scenario file stands: one pass over the parser's tokens records the line and
 * column of every key path ({@code cluster.fabric.link}, {@code workload.collectives[0].size}), so
 * an error found after binding can still point into the file.
 */
public final class KeyLocations {
  private final String fileName;
  private final Map<String, int[]> lineColumn = new LinkedHashMap<>();

  private KeyLocations(String fileName) {
    this.fileName = fileName;
  }

  /** Indexes every key path of {@code text}, a file named {@code fileName} in errors. */
  public static KeyLocations index(JsonFactory factory, String fileName, String text)
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
  public String where(String path) {
    String p = path;
    while (!lineColumn.containsKey(p)) {
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    int[] lc = lineColumn.get(p);
    return fileName + ":" + lc[0] + ":" + lc[1];
  }
}
