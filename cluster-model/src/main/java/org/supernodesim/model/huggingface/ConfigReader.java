package org.supernodesim.model.huggingface;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the keys of one {@code config.json} for a family: a key the simulator needs and the file
 * lacks becomes a {@link ConfigProblem}; an optional key takes the default its transformers
 * configuration class documents, and the shape's {@code sources} say so. Problems are collected,
 * not thrown one by one, so a user fixes a file in one pass.
 */
final class ConfigReader {
  private final String modelType;
  private final Set<String> presentKeys;
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Map<String, String> sources = new LinkedHashMap<>();

  ConfigReader(String modelType, Set<String> presentKeys) {
    this.modelType = modelType;
    this.presentKeys = Set.copyOf(presentKeys);
  }

  /** {@code value} of {@code key}, which the shape's {@code field} needs; a problem if absent. */
  <T> T require(T value, String key, String field) {
    if (value == null) {
      problem(key, (presentKeys.contains(key) ? "null" : "missing")
          + "; a " + modelType + " config must give it (the shape's " + field + ")");
    } else {
      sources.put(field, "config.json " + key);
    }
    return value;
  }

  /** As {@link #require}, and the value must be a positive count. */
  <T extends Number> T count(T value, String key, String field) {
    T read = require(value, key, field);
    if (read != null && read.longValue() <= 0) {
      problem(key, read + "; must be a positive count");
      return null;
    }
    return read;
  }

  /**
   * {@code value} of {@code key}, or {@code fallback} when the file lacks it or sets it to null,
   * as the family's configuration class does; {@code meaning} says where the default comes from.
   */
  <T> T optional(T value, String key, String field, T fallback, String meaning) {
    if (value != null) {
      sources.put(field, "config.json " + key);
      return value;
    }
    sources.put(field, "config.json " + key + " absent: " + meaning);
    return fallback;
  }

  /** True if the file names {@code key}, even as null. */
  boolean has(String key) {
    return presentKeys.contains(key);
  }

  /** Records where a field came from when it is fixed by the family, not read from a key. */
  void fixed(String field, String why) {
    sources.put(field, why);
  }

  void check(boolean ok, String key, String message) {
    if (!ok) {
      problem(key, message);
    }
  }

  void problem(String key, String message) {
    problems.add(new ConfigProblem(key, message));
  }

  boolean failed() {
    return !problems.isEmpty();
  }

  List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  Map<String, String> sources() {
    return sources;
  }
}
