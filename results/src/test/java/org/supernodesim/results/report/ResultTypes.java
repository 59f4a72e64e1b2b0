package org.supernodesim.results.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The project's types a result is written through, found by walking from a root type: what a
 * {@code @JsonValue} method returns, a record's components, type arguments, array elements and a
 * sealed interface's permitted kinds. For checking that result.json's writer knows each of
 * them; the walk decides nothing about the text.
 */
final class ResultTypes {
  private static final String PROJECT = "org.supernodesim.";

  private ResultTypes() {}

  /** The project's types reachable from {@code root}, root first, each once. */
  static List<Type> reachableFrom(Class<?> root) {
    List<Type> found = new ArrayList<>();
    Set<Type> seen = new HashSet<>();
    Deque<Type> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      Type t = todo.removeFirst();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof ParameterizedType p) {
        todo.add(p.getRawType());
        todo.addAll(List.of(p.getActualTypeArguments()));
      } else if (t instanceof WildcardType w) {
        todo.addAll(List.of(w.getUpperBounds()));
      } else if (t instanceof GenericArrayType a) {
        todo.add(a.getGenericComponentType());
      } else if (t instanceof Class<?> c && c.isArray()) {
        todo.add(c.getComponentType());
      } else if (t instanceof Class<?> c && c.getName().startsWith(PROJECT)) {
        found.add(c);
        todo.addAll(parts(c));
      }
    }
    return found;
  }

  private static List<Type> parts(Class<?> c) {
    List<Type> parts = new ArrayList<>();
    for (Method m : c.getDeclaredMethods()) {
      if (m.isAnnotationPresent(JsonValue.class)) {
        parts.add(m.getGenericReturnType());
      }
    }
    if (c.isRecord()) {
      for (RecordComponent rc : c.getRecordComponents()) {
        parts.add(rc.getGenericType());
      }
    }
    if (c.isSealed()) {
      parts.addAll(List.of(c.getPermittedSubclasses()));
    }
    return parts;
  }
}
