package org.supernodesim.scenario.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits of a parsed scenario tree by key path ({@code --set} and sweep points): dots between keys,
 * {@code [i]} for list elements. A mistake in the path is reported at the edit ({@code where}),
 * never at the file, since the file is not where it was made.
 */
final class TreeEdits {
  private static final Pattern PART = Pattern.compile("([^\\[\\]]+)((\\[\\d+\\])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");

  /** The one key whose value may be a preset name, short for {@code {preset: NAME}}. */
  private static final String PRESET_KEY = "chip";

  private TreeEdits() {}

  /** The keys and indices of {@code path}, or an error at {@code where}. */
  static List<Object> keys(String path, String where) {
    List<Object> keys = new ArrayList<>();
    if (path.isEmpty()) {
      throw new ScenarioException(where, "", "name a key, e.g. --set cluster.chips=64");
    }
    for (String part : path.split("\\.", -1)) {
      Matcher m = PART.matcher(part);
      if (!m.matches()) {
        throw new ScenarioException(where, path, "\"" + part + "\" is not a key");
      }
      keys.add(m.group(1));
      Matcher idx = INDEX.matcher(m.group(2));
      while (idx.find()) {
        try {
          keys.add(Integer.parseInt(idx.group(1)));
        } catch (NumberFormatException e) {
          throw new ScenarioException(where, path, "[" + idx.group(1) + "] is not an index");
        }
      }
    }
    return keys;
  }

  /**
   * Sets the key at {@code path} to {@code value}, creating mappings on the way; {@code where}
   * labels the edit in errors.
   */
  static void put(ObjectNode root, String path, JsonNode value, String where) {
    List<Object> keys = keys(path, where);
    JsonNode node = root;
    StringBuilder at = new StringBuilder();
    for (int i = 0; i < keys.size(); i++) {
      Object key = keys.get(i);
      boolean last = i == keys.size() - 1;
      if (key instanceof String name) {
        if (!node.isObject()) {
          throw new ScenarioException(
              where,
              path,
              (at.length() == 0 ? "the scenario" : at)
                  + " holds "
                  + shape(node)
                  + ", not a mapping, so it has no key "
                  + name);
        }
        at.append(at.length() == 0 ? "" : ".").append(name);
        ObjectNode object = (ObjectNode) node;
        if (last) {
          object.set(name, value);
          return;
        }
        JsonNode child = object.get(name);
        if (child != null
            && child.isTextual()
            && name.equals(PRESET_KEY)
            && keys.get(i + 1) instanceof String) {
          // A preset name is short for {preset: name}: editing a figure of it expands it.
          child = object.objectNode().put("preset", child.asText());
          object.set(name, child);
        }
        if (child == null || child.isNull()) {
          child = keys.get(i + 1) instanceof Integer ? object.arrayNode() : object.objectNode();
          object.set(name, child);
        }
        node = child;
      } else {
        int index = (Integer) key;
        if (!node.isArray() || index >= node.size()) {
          throw new ScenarioException(
              where,
              path,
              node.isArray()
                  ? "index " + index + " is not in the list of " + node.size() + " at " + at
                  : at + " holds " + shape(node) + ", not a list");
        }
        at.append('[').append(index).append(']');
        if (last) {
          ((ArrayNode) node).set(index, value);
          return;
        }
        node = node.get(index);
      }
    }
  }

  private static String shape(JsonNode node) {
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return "the value " + node;
  }
}
