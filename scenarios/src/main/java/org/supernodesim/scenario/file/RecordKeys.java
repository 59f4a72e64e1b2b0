package org.supernodesim.scenario.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Finds the first key of a mapping that a record tree does not have, for records that ignore
 * unknown keys on purpose (the catalog's, which are copied data) when a person writes the same
 * fields in a scenario, where a misspelt key must not be silently dropped.
 */
final class RecordKeys {
  private RecordKeys() {}

  /** An unknown key: its path below the node and the keys valid where it stands. */
  record Unknown(String path, String validKeys) {}

  /** The first key under {@code node} that {@code type} (a record) has no component for. */
  static Optional<Unknown> firstUnknown(JsonNode node, Class<?> type) {
    return firstUnknown(node, type, "");
  }

  private static Optional<Unknown> firstUnknown(JsonNode node, Type type, String path) {
    Class<?> raw = raw(type);
    if (node == null || !node.isContainerNode()) {
      return Optional.empty();
    }
    if (List.class.isAssignableFrom(raw) && node.isArray()) {
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      for (int i = 0; i < node.size(); i++) {
        Optional<Unknown> found = firstUnknown(node.get(i), element, path + "[" + i + "]");
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    if (!raw.isRecord() || !node.isObject()) {
      return Optional.empty(); // maps and plain values take any key
    }
    Map<String, RecordComponent> components = new TreeMap<>();
    for (RecordComponent c : raw.getRecordComponents()) {
      JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
      if (named == null) {
        named = field(raw, c.getName());
      }
      components.put(named != null && !named.value().isEmpty() ? named.value() : c.getName(), c);
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      String here = path.isEmpty() ? name : path + "." + name;
      RecordComponent c = components.get(name);
      if (c == null) {
        return Optional.of(new Unknown(here, String.join(", ", components.keySet())));
      }
      Optional<Unknown> found = firstUnknown(node.get(name), c.getGenericType(), here);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The annotation Jackson reads on a record component sits on its field or parameter. */
  private static JsonProperty field(Class<?> record, String name) {
    try {
      return record.getDeclaredField(name).getAnnotation(JsonProperty.class);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    return (Class<?>) ((ParameterizedType) type).getRawType();
  }
}
