package org.supernodesim.scenario.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.supernodesim.scenario.file.Sections.ScenarioSection;

/**
 * Turns a failure to bind the tree to the section records into one located {@link
 * ScenarioException}. It reads Jackson's typed accessors only (the path, the target type, the
 * value, the known keys and subtype ids) and the tree itself, never the text of Jackson's messages,
 * so no Jackson or Java name reaches a user.
 */
final class BindingErrors {
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");

  private final KeyLocations locations;
  private final Map<String, String> edits;
  private final JsonNode tree;
  private final ScenarioFormat format;

  BindingErrors(
      KeyLocations locations, Map<String, String> edits, JsonNode tree, ScenarioFormat format) {
    this.locations = locations;
    this.edits = edits;
    this.tree = tree;
    this.format = format;
  }

  /**
   * The error about the key at {@code keyPath}, located at the edit that wrote or created the key
   * when there is one, else at the key's place in the file.
   */
  ScenarioException at(String keyPath, String problem) {
    for (var edit : edits.entrySet()) {
      String e = edit.getKey();
      boolean edited =
          keyPath.equals(e) || keyPath.startsWith(e + ".") || keyPath.startsWith(e + "[");
      boolean created =
          (e.startsWith(keyPath + ".") || e.startsWith(keyPath + "[")) && !locations.has(keyPath);
      if (edited || created) {
        return new ScenarioException(edit.getValue(), keyPath, problem);
      }
    }
    return new ScenarioException(locations.where(keyPath), keyPath, problem);
  }

  /** The located error for a binding failure. */
  ScenarioException translate(JsonMappingException e) {
    String path = path(e.getPath());
    Throwable cause = e.getCause();
    if (cause instanceof InvalidInput v) {
      return at(join(path, v.keyPath()), v.getMessage());
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return at(path, "unknown key; keys here: " + String.join(", ", known(u)));
    }
    if (e instanceof InvalidTypeIdException t) {
      return typeId(path, t);
    }
    if (cause instanceof InputCoercionException c) {
      return at(
          path,
          "expected " + describe(c.getTargetType()) + " within its range; found " + found(path));
    }
    if (cause instanceof NullPointerException) {
      return at(path, "a value is missing here");
    }
    if (cause instanceof IllegalArgumentException) {
      // Our own refusals (a quantity that does not parse, a model constructor's check).
      return at(path, cause.getMessage());
    }
    Class<?> target = targetType(e);
    if (target != null && target.isEnum()) {
      // YAML 1.1 reads an unquoted on, off, yes or no as a boolean, so a user who wrote off
      // would otherwise be told of a false they never typed.
      JsonNode given = nodeAt(path);
      String yaml = given != null && given.isBoolean()
          ? " (YAML reads an unquoted yes, no, on or off as true or false)" : "";
      return at(path, found(path) + " is not valid here" + yaml + "; valid: "
          + String.join(", ", labels(target)));
    }
    ScenarioException missing = missingKey(path, owner(e), target);
    if (missing != null) {
      return missing;
    }
    if (target != null
        && target.isAnnotationPresent(JsonTypeInfo.class)
        && nodeAt(path) != null
        && nodeAt(path).size() > 1) {
      return at(path, "give one of " + String.join(", ", subtypeNames(target)) + ", not several");
    }
    return at(path, "expected " + describe(target) + "; found " + found(path));
  }

  /** An unknown or missing {@code kind} (a fabric) or workload key (wrapper of one key). */
  private ScenarioException typeId(String path, InvalidTypeIdException t) {
    Class<?> base = t.getBaseType() == null ? null : t.getBaseType().getRawClass();
    List<String> valid = subtypeNames(base);
    JsonTypeInfo info = base == null ? null : base.getAnnotation(JsonTypeInfo.class);
    boolean wrapper = info != null && info.include() == JsonTypeInfo.As.WRAPPER_OBJECT;
    if (wrapper) {
      String id = t.getTypeId();
      return id == null
          ? at(path, "missing; say which kind with one key: " + String.join(", ", valid))
          : at(
              path.endsWith("." + id) || path.equals(id) ? path : join(path, id),
              "\"" + id + "\" is not a kind here; valid: " + String.join(", ", valid));
    }
    String key = info == null ? "kind" : info.property();
    return t.getTypeId() == null
        ? at(join(path, key), "missing; say which kind: " + String.join(", ", valid))
        : at(
            join(path, key),
            "\"" + t.getTypeId() + "\" is not a kind here; valid: " + String.join(", ", valid));
  }

  private static List<String> known(UnrecognizedPropertyException u) {
    TreeSet<String> known = new TreeSet<>();
    if (u.getKnownPropertyIds() != null) {
      u.getKnownPropertyIds().forEach(k -> known.add(k.toString()));
    }
    if (u.getReferringClass() == ScenarioSection.class) {
      // taken out of the tree before binding, valid all the same
      known.add(SweepDefinition.KEY);
      known.add(ScenarioLoader.PLAN_KEY);
    }
    return List.copyOf(known);
  }

  /**
   * A required key the mapping at {@code path} (or its parent, when the failure is on the missing
   * key itself) lacks: the first such component of the record that owns it. An unknown key beside
   * it, often the missing one misspelt, is the mistake to show first.
   */
  private ScenarioException missingKey(String path, Class<?> owner, Class<?> target) {
    for (String at : List.of(path, parent(path))) {
      for (Class<?> type : new Class<?>[] {target, owner}) {
        JsonNode node = nodeAt(at);
        if (type == null || !type.isRecord() || node == null || !node.isObject()) {
          continue;
        }
        TreeSet<String> keys = new TreeSet<>();
        String missing = null;
        for (RecordComponent c : type.getRecordComponents()) {
          keys.add(c.getName());
          // @JsonProperty is not a record-component annotation: it lands on the accessor.
          JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
          JsonNode value = node.get(c.getName());
          if (missing == null && p != null && p.required() && (value == null || value.isNull())) {
            missing = c.getName();
          }
        }
        if (missing == null) {
          continue;
        }
        if (type == ScenarioSection.class) {
          keys.add(SweepDefinition.KEY);
          keys.add(ScenarioLoader.PLAN_KEY);
        }
        for (var names = node.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          if (!keys.contains(name)) {
            return at(join(at, name), "unknown key; keys here: " + String.join(", ", keys));
          }
        }
        return at(join(at, missing), "missing; this key is required");
      }
    }
    return null;
  }

  /** The record type whose component the failure is about, from the path's last reference. */
  private static Class<?> owner(JsonMappingException e) {
    List<JsonMappingException.Reference> refs = e.getPath();
    if (refs.isEmpty()) {
      return null;
    }
    Object from = refs.get(refs.size() - 1).getFrom();
    return from instanceof Class<?> c ? c : from == null ? null : from.getClass();
  }

  private static Class<?> targetType(JsonMappingException e) {
    if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m) {
      return m.getTargetType();
    }
    return null;
  }

  /** The labels of an enum's constants, as files write them. */
  private List<String> labels(Class<?> type) {
    List<String> labels = new ArrayList<>();
    for (Object constant : type.getEnumConstants()) {
      labels.add(format.mapper().convertValue(constant, String.class));
    }
    return labels;
  }

  /** The subtype ids of a polymorphic section, sorted, as files write them. */
  private static List<String> subtypeNames(Class<?> base) {
    TreeSet<String> names = new TreeSet<>();
    JsonSubTypes subtypes = base == null ? null : base.getAnnotation(JsonSubTypes.class);
    if (subtypes != null) {
      for (JsonSubTypes.Type t : subtypes.value()) {
        names.add(t.name());
      }
    }
    return List.copyOf(names);
  }

  /** What the file has at {@code path}, as it wrote it. */
  private String found(String path) {
    JsonNode node = nodeAt(path);
    if (node == null || node.isNull()) {
      return "nothing";
    }
    if (node.isTextual()) {
      return "\"" + node.asText() + "\"";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.toString();
  }

  JsonNode nodeAt(String path) {
    JsonNode node = tree;
    if (path.isEmpty()) {
      return node;
    }
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      String name = bracket < 0 ? part : part.substring(0, bracket);
      node = node == null ? null : name.isEmpty() ? node : node.get(name);
      Matcher idx = INDEX.matcher(part);
      while (node != null && idx.find()) {
        node = node.get(Integer.parseInt(idx.group(1)));
      }
    }
    return node;
  }

  /**
   * The key path of Jackson's references. A workload is a mapping of one key naming its kind (a
   * wrapper object), which Jackson reads as a type id and leaves out of its path: it is put back
   * from the tree, so the path is the file's.
   */
  String path(List<JsonMappingException.Reference> references) {
    StringBuilder b = new StringBuilder();
    JsonNode node = tree;
    for (JsonMappingException.Reference r : references) {
      if (r.getFieldName() != null) {
        b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
        node = node == null ? null : node.get(r.getFieldName());
        if (node != null
            && node.isObject()
            && node.size() == 1
            && isWrapper(componentType(r.getFrom(), r.getFieldName()))) {
          String kind = node.fieldNames().next();
          b.append('.').append(kind);
          node = node.get(kind);
        }
      } else if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
        node = node == null ? null : node.get(r.getIndex());
      }
    }
    return b.toString();
  }

  private static Class<?> componentType(Object from, String name) {
    Class<?> owner = from instanceof Class<?> c ? c : from == null ? null : from.getClass();
    if (owner == null || !owner.isRecord()) {
      return null;
    }
    for (RecordComponent c : owner.getRecordComponents()) {
      if (c.getName().equals(name)) {
        return c.getType();
      }
    }
    return null;
  }

  private static boolean isWrapper(Class<?> type) {
    JsonTypeInfo info = type == null ? null : type.getAnnotation(JsonTypeInfo.class);
    return info != null && info.include() == JsonTypeInfo.As.WRAPPER_OBJECT;
  }

  private static String join(String path, String key) {
    if (key.isEmpty()) {
      return path;
    }
    return path.isEmpty() ? key : path + "." + key;
  }

  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** A value of {@code type} in words, as a scenario's or a model file's error names it. */
  static String describe(Class<?> type) {
    if (type == null) {
      return "a different value";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Double.class || type == double.class) {
      return "a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "text";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type == Quantities.Bandwidth.class) {
      return "a bandwidth such as \"392 GB/s\"";
    }
    if (type == Quantities.TimeSpan.class) {
      return "a time such as \"1.5 us\"";
    }
    if (type == Quantities.DataSize.class) {
      return "a size such as \"64 GiB\"";
    }
    if (type == Quantities.ComputeRate.class) {
      return "a compute rate such as \"752 TFLOPS\"";
    }
    if (type == Quantities.Power.class) {
      return "a power such as \"700 W\"";
    }
    if (type == Sections.ChipSection.class) {
      return "a chip preset's name or a mapping with preset: and figures";
    }
    if (type == ServingSections.LengthSection.class) {
      return "a token count or a mapping with one of fixed, uniform, logNormal";
    }
    if (type.isAnnotationPresent(JsonTypeInfo.class)) {
      JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
      return info.include() == JsonTypeInfo.As.WRAPPER_OBJECT
          ? "a mapping with one key of " + String.join(", ", subtypeNames(type))
          : "a mapping with "
              + info.property()
              + ": one of "
              + String.join(", ", subtypeNames(type));
    }
    return "a mapping";
  }
}
