package org.supernodesim.scenario.file;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Binds a scenario's tree to its section records without building databind's deserializers, which
 * cost a short run more CPU, on its path to the simulation, than the rest of reading the file
 * (about 55 ms for the sections' readers, cold). It accepts only what it binds exactly as the
 * strict mapper would: records by their canonical constructor (keys by component or {@code
 * JsonProperty} name, {@code required} honoured, an unknown key refused), a record's static
 * {@code @JsonCreator} of one string (the quantities, a chip's preset name) for text, a
 * one-component record whose canonical constructor is a delegating creator, enums by their
 * {@code @JsonValue} label, a sealed interface's kinds named by a wrapper object or by a {@code
 * kind}-style property, lists, text, whole numbers, numbers, booleans and raw trees. Anything
 * else, a value the strict mapper would have to coerce, and any exception of a constructor,
 * returns null: the caller then binds with databind, whose errors name the key. Tests bind every
 * scenario they load both ways and require the records to be equal.
 */
final class DirectBinder {
  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  private DirectBinder() {}

  /** {@code node} bound to {@code type}, or null where databind must bind it. */
  static <T> T bind(JsonNode node, Class<T> type) {
    try {
      return type.cast(value(node, type));
    } catch (NotHere e) {
      return null;
    }
  }

  /** Not bound here. Carries no stack trace. */
  private static final class NotHere extends RuntimeException {
    private static final NotHere INSTANCE = new NotHere();

    private NotHere() {
      super(null, null, false, false);
    }
  }

  private static Object value(JsonNode n, Type type) {
    if (type instanceof ParameterizedType p) {
      if (p.getRawType() == List.class && n.isArray()) {
        List<Object> list = new ArrayList<>(n.size());
        for (JsonNode e : n) {
          list.add(value(e, p.getActualTypeArguments()[0]));
        }
        return list;
      }
      throw NotHere.INSTANCE;
    }
    if (!(type instanceof Class<?> c) || n == null || n.isNull() || n.isMissingNode()) {
      throw NotHere.INSTANCE;
    }
    if (c == JsonNode.class) {
      return n;
    }
    if (c == String.class && n.isTextual()) {
      return n.textValue();
    }
    if ((c == Integer.class || c == int.class) && n.isInt()) {
      return n.intValue();
    }
    if ((c == Long.class || c == long.class) && (n.isInt() || n.isLong())) {
      return n.longValue();
    }
    if ((c == Double.class || c == double.class) && (n.isInt() || n.isLong() || n.isDouble())) {
      return n.doubleValue();
    }
    if ((c == Boolean.class || c == boolean.class) && n.isBoolean()) {
      return n.booleanValue();
    }
    if (c.isPrimitive() || c.getName().startsWith("java.")) {
      throw NotHere.INSTANCE; // primitives and other library types: databind's
    }
    return SHAPES.get(c).bind(n);
  }

  private static Object call(Method method, Object argument) {
    try {
      return method.invoke(null, argument);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw NotHere.INSTANCE;
    }
  }

  private static Object construct(Constructor<?> constructor, Object[] arguments) {
    try {
      return constructor.newInstance(arguments);
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw NotHere.INSTANCE;
    }
  }

  /** How one type is bound; {@link Refused} for a type left to databind. */
  private sealed interface Shape {
    Object bind(JsonNode n);

    static Shape of(Class<?> type) {
      if (type.isEnum()) {
        return Labels.of(type);
      }
      if (type.isInterface() && type.isSealed()) {
        return Kinds.of(type);
      }
      if (type.isRecord()) {
        return RecordShape.of(type);
      }
      return new Refused();
    }

    /** Whether {@code e} carries a Jackson annotation other than those in {@code understood}. */
    static boolean unknownJackson(
        AnnotatedElement e, List<Class<? extends Annotation>> understood) {
      for (Annotation a : e.getAnnotations()) {
        Class<? extends Annotation> kind = a.annotationType();
        if (kind.getName().startsWith("com.fasterxml.jackson.") && !understood.contains(kind)) {
          return true;
        }
      }
      return false;
    }
  }

  private record Refused() implements Shape {
    @Override
    public Object bind(JsonNode n) {
      throw NotHere.INSTANCE;
    }
  }

  /** An enum read by its {@code @JsonValue} label, and by nothing else. */
  private record Labels(Map<String, Object> byLabel) implements Shape {
    static Shape of(Class<?> type) {
      Method label = null;
      for (Method m : type.getDeclaredMethods()) {
        if (m.isAnnotationPresent(JsonCreator.class)) {
          return new Refused();
        }
        if (m.isAnnotationPresent(JsonValue.class)) {
          label = m;
        }
      }
      if (label == null || label.getReturnType() != String.class) {
        return new Refused();
      }
      label.setAccessible(true);
      Map<String, Object> byLabel = new HashMap<>();
      for (Object constant : type.getEnumConstants()) {
        try {
          byLabel.put((String) label.invoke(constant), constant);
        } catch (ReflectiveOperationException e) {
          return new Refused();
        }
      }
      return new Labels(Map.copyOf(byLabel));
    }

    @Override
    public Object bind(JsonNode n) {
      Object constant = n.isTextual() ? byLabel.get(n.textValue()) : null;
      if (constant == null) {
        throw NotHere.INSTANCE;
      }
      return constant;
    }
  }

  /** A sealed interface's kinds, named by a wrapper object or by a property. */
  private record Kinds(Map<String, Class<?>> byName, String property) implements Shape {
    static Shape of(Class<?> type) {
      JsonTypeInfo info = type.getAnnotation(JsonTypeInfo.class);
      JsonSubTypes subtypes = type.getAnnotation(JsonSubTypes.class);
      if (info == null || subtypes == null || info.use() != JsonTypeInfo.Id.NAME
          || info.visible() || info.defaultImpl() != JsonTypeInfo.class) {
        return new Refused();
      }
      String property;
      if (info.include() == JsonTypeInfo.As.WRAPPER_OBJECT) {
        property = null;
      } else if (info.include() == JsonTypeInfo.As.PROPERTY && !info.property().isEmpty()) {
        property = info.property();
      } else {
        return new Refused();
      }
      Map<String, Class<?>> byName = new HashMap<>();
      for (JsonSubTypes.Type t : subtypes.value()) {
        if (t.name().isEmpty() || t.names().length > 0) {
          return new Refused();
        }
        byName.put(t.name(), t.value());
      }
      return new Kinds(Map.copyOf(byName), property);
    }

    @Override
    public Object bind(JsonNode n) {
      if (!(n instanceof ObjectNode object)) {
        throw NotHere.INSTANCE;
      }
      if (property == null) {
        if (object.size() != 1) {
          throw NotHere.INSTANCE;
        }
        Map.Entry<String, JsonNode> only = object.fields().next();
        return value(only.getValue(), kind(only.getKey()));
      }
      JsonNode name = object.get(property);
      if (name == null || !name.isTextual()) {
        throw NotHere.INSTANCE;
      }
      ObjectNode rest = object.deepCopy();
      rest.remove(property);
      return value(rest, kind(name.textValue()));
    }

    private Class<?> kind(String name) {
      Class<?> kind = byName.get(name);
      if (kind == null) {
        throw NotHere.INSTANCE;
      }
      return kind;
    }
  }

  /**
   * A record: from an object by its canonical constructor, from text by a static string creator,
   * or, for a one-component record whose canonical constructor delegates, from that component.
   */
  private record RecordShape(
      Map<String, Integer> slots,
      Type[] types,
      boolean[] required,
      Constructor<?> canonical,
      boolean fromObject,
      boolean delegating,
      Method fromText)
      implements Shape {
    private static final List<Class<? extends Annotation>> ON_COMPONENTS =
        List.of(JsonProperty.class);

    static Shape of(Class<?> type) {
      if (Shape.unknownJackson(type, List.of())) {
        return new Refused();
      }
      RecordComponent[] components = type.getRecordComponents();
      Class<?>[] raw = new Class<?>[components.length];
      Type[] types = new Type[components.length];
      boolean[] required = new boolean[components.length];
      Map<String, Integer> slots = new HashMap<>();
      for (int i = 0; i < components.length; i++) {
        Method accessor = components[i].getAccessor();
        if (Shape.unknownJackson(accessor, ON_COMPONENTS)) {
          return new Refused();
        }
        JsonProperty p = accessor.getAnnotation(JsonProperty.class);
        if (p != null && (p.access() != JsonProperty.Access.AUTO || !p.defaultValue().isEmpty()
            || p.index() != JsonProperty.INDEX_UNKNOWN)) {
          return new Refused();
        }
        String name = p != null && !p.value().isEmpty() ? p.value() : components[i].getName();
        slots.put(name, i);
        raw[i] = components[i].getType();
        types[i] = components[i].getGenericType();
        required[i] = p != null && p.required();
      }
      Constructor<?> canonical;
      try {
        canonical = type.getDeclaredConstructor(raw);
      } catch (NoSuchMethodException e) {
        return new Refused();
      }
      Method fromText = null;
      for (Method m : type.getDeclaredMethods()) {
        JsonCreator creator = m.getAnnotation(JsonCreator.class);
        if (creator == null) {
          continue;
        }
        boolean stringDelegate = Modifier.isStatic(m.getModifiers())
            && m.getParameterCount() == 1 && m.getParameterTypes()[0] == String.class
            && m.getReturnType() == type
            && (creator.mode() == JsonCreator.Mode.DEFAULT
                || creator.mode() == JsonCreator.Mode.DELEGATING);
        if (!stringDelegate || fromText != null) {
          return new Refused();
        }
        fromText = m;
        fromText.setAccessible(true);
      }
      for (Constructor<?> k : type.getDeclaredConstructors()) {
        if (k.isAnnotationPresent(JsonCreator.class) && !k.equals(canonical)) {
          return new Refused();
        }
      }
      JsonCreator onCanonical = canonical.getAnnotation(JsonCreator.class);
      boolean delegating = onCanonical != null && onCanonical.mode() == JsonCreator.Mode.DELEGATING
          && components.length == 1;
      boolean properties = onCanonical != null && onCanonical.mode() == JsonCreator.Mode.PROPERTIES;
      if (onCanonical != null && !delegating && !properties) {
        return new Refused();
      }
      // Without an explicit properties creator, a record that reads from text is read from text
      // only: whether databind would also take its constructor for an object is not asked here.
      boolean fromObject = !delegating && (properties || fromText == null);
      canonical.setAccessible(true);
      return new RecordShape(Map.copyOf(slots), types, required, canonical, fromObject,
          delegating, fromText);
    }

    @Override
    public Object bind(JsonNode n) {
      if (fromText != null && n.isTextual()) {
        return call(fromText, n.textValue());
      }
      if (delegating) {
        return construct(canonical, new Object[] {value(n, types[0])});
      }
      if (!fromObject || !n.isObject()) {
        throw NotHere.INSTANCE;
      }
      Object[] arguments = new Object[types.length];
      boolean[] given = new boolean[types.length];
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        Integer slot = slots.get(field.getKey());
        if (slot == null) {
          throw NotHere.INSTANCE;
        }
        arguments[slot] = value(field.getValue(), types[slot]);
        given[slot] = true;
      }
      for (int i = 0; i < types.length; i++) {
        if (!given[i] && (required[i] || types[i] instanceof Class<?> c && c.isPrimitive())) {
          throw NotHere.INSTANCE;
        }
      }
      return construct(canonical, arguments);
    }
  }
}
