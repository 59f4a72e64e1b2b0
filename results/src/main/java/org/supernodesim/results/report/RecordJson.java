package org.supernodesim.results.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a result's records as the indented JSON that Jackson's databind writes of them under
 * {@link JsonReport}'s settings, with Jackson's streaming generator and its default pretty printer
 * (so numbers, escapes and layout are Jackson's own), but without building databind's serializers:
 * on a short run those cost more CPU than its whole simulation (a 384-chip ring: about 85 ms of
 * a 0.75 s run's CPU on a thread of their own). Only what result.json's types use is understood: a
 * record's components in declaration order, {@code @JsonInclude} ({@code ALWAYS}, {@code NON_NULL},
 * {@code NON_EMPTY}, on the record or a component), {@code @JsonIgnore}, {@code @JsonValue}, and
 * {@code @JsonFormat(shape = ARRAY)} with {@code @JsonPropertyOrder}; enums by name or their
 * {@code @JsonValue}; lists; maps, keys sorted; strings, booleans, ints, longs and doubles. Any
 * other type or Jackson annotation is refused rather than written differently, and a test holds
 * every type a result can reach to it and compares the text with databind's.
 */
final class RecordJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Annotations that say nothing about how a value is written. */
  private static final Set<Class<? extends Annotation>> SILENT = Set.of(JsonCreator.class);

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  private RecordJson() {}

  /** The indented JSON text of {@code value}. */
  static String write(Object value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(text)) {
      g.setPrettyPrinter(new DefaultPrettyPrinter());
      write(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return text.toString();
  }

  /**
   * How values of {@code type} are written; refuses, with {@link IllegalArgumentException}, a type
   * this writer would not write as databind does.
   */
  static Shape shapeOf(Class<?> type) {
    return SHAPES.get(type);
  }

  private static void write(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Collection<?> list) {
      g.writeStartArray();
      for (Object element : list) {
        write(g, element);
      }
      g.writeEndArray();
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw new IllegalArgumentException("a map key that is not a string: " + e.getKey());
        }
        g.writeFieldName(key);
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof Enum<?> e) {
      // A constant with a body is a class of its own; its enum says how it is written.
      SHAPES.get(e.getDeclaringClass()).write(g, value);
    } else {
      SHAPES.get(value.getClass()).write(g, value);
    }
  }

  private static Object read(Method accessor, Object owner) {
    try {
      return accessor.invoke(owner);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e); // made accessible when the shape was built
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + accessor + " for result.json", e.getCause());
    }
  }

  /** How the values of one project type are written. */
  sealed interface Shape {
    void write(JsonGenerator g, Object value) throws IOException;

    static Shape of(Class<?> type) {
      refuseUnknownAnnotations(type, type);
      Method valueMethod = null;
      for (Method m : type.getDeclaredMethods()) {
        refuseUnknownAnnotations(m, type);
        if (m.isAnnotationPresent(JsonValue.class) && m.getAnnotation(JsonValue.class).value()) {
          m.setAccessible(true);
          valueMethod = m;
        } else if (gettable(m) && !m.isAnnotationPresent(JsonIgnore.class)) {
          throw refused(type, "its getter " + m.getName() + "() would be a property");
        }
      }
      if (valueMethod != null) {
        return new ValueOf(valueMethod);
      }
      if (type.isEnum()) {
        return new EnumName();
      }
      if (!type.isRecord()) {
        throw refused(type, "only records, enums and @JsonValue types are written");
      }
      JsonFormat format = type.getAnnotation(JsonFormat.class);
      if (format != null && format.shape() != JsonFormat.Shape.ARRAY) {
        throw refused(type, "@JsonFormat other than shape = ARRAY");
      }
      return format != null ? Row.of(type) : Fields.of(type);
    }

    private static boolean gettable(Method m) {
      String n = m.getName();
      boolean named =
          n.length() > 3 && n.startsWith("get") && Character.isUpperCase(n.charAt(3))
              || n.length() > 2 && n.startsWith("is") && Character.isUpperCase(n.charAt(2));
      return named
          && Modifier.isPublic(m.getModifiers())
          && !Modifier.isStatic(m.getModifiers())
          && m.getParameterCount() == 0;
    }

    private static void refuseUnknownAnnotations(AnnotatedElement e, Class<?> type) {
      for (Annotation a : e.getAnnotations()) {
        Class<? extends Annotation> kind = a.annotationType();
        boolean jackson = kind.getName().startsWith("com.fasterxml.jackson.");
        boolean understood =
            SILENT.contains(kind)
                || kind == JsonValue.class
                || kind == JsonInclude.class
                || kind == JsonIgnore.class
                || kind == JsonFormat.class
                || kind == JsonPropertyOrder.class;
        if (jackson && !understood) {
          throw refused(type, "@" + kind.getSimpleName() + " on " + e);
        }
      }
    }

    private static IllegalArgumentException refused(Class<?> type, String why) {
      return new IllegalArgumentException(
          "result.json's writer cannot write " + type.getName() + " as Jackson would: " + why);
    }
  }

  /** A type written as what its {@code @JsonValue} method returns. */
  record ValueOf(Method method) implements Shape {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      RecordJson.write(g, read(method, value));
    }
  }

  /** An enum by its constant's name. */
  record EnumName() implements Shape {
    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeString(((Enum<?>) value).name());
    }
  }

  /** A record as an object of its components, those its inclusion rules keep. */
  record Fields(List<Property> properties) implements Shape {
    static Fields of(Class<?> type) {
      Inclusion byType = Inclusion.of(type.getAnnotation(JsonInclude.class), Inclusion.ALWAYS, type);
      List<Property> properties = new ArrayList<>();
      for (RecordComponent c : type.getRecordComponents()) {
        // A component's annotations reach its accessor (JsonInclude and JsonIgnore have no
        // record-component target).
        Method accessor = c.getAccessor();
        if (accessor.isAnnotationPresent(JsonIgnore.class)
            && accessor.getAnnotation(JsonIgnore.class).value()) {
          continue;
        }
        if (accessor.isAnnotationPresent(JsonFormat.class)) {
          throw Shape.refused(type, "@JsonFormat on " + c.getName());
        }
        accessor.setAccessible(true);
        properties.add(new Property(c.getName(), accessor,
            Inclusion.of(accessor.getAnnotation(JsonInclude.class), byType, type)));
      }
      return new Fields(List.copyOf(properties));
    }

    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeStartObject();
      for (Property p : properties) {
        Object v = read(p.accessor(), value);
        if (p.inclusion().keeps(v)) {
          g.writeFieldName(p.name());
          RecordJson.write(g, v);
        }
      }
      g.writeEndObject();
    }
  }

  /** A record as an array of its components, in its {@code @JsonPropertyOrder}. */
  record Row(List<Method> accessors) implements Shape {
    static Row of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      JsonPropertyOrder order = type.getAnnotation(JsonPropertyOrder.class);
      List<String> names = order == null
          ? Arrays.stream(components).map(RecordComponent::getName).toList()
          : List.of(order.value());
      if (names.size() != components.length) {
        throw Shape.refused(type, "@JsonPropertyOrder must name every component");
      }
      List<Method> accessors = new ArrayList<>();
      for (String name : names) {
        RecordComponent c = Arrays.stream(components)
            .filter(rc -> rc.getName().equals(name))
            .findFirst()
            .orElseThrow(() -> Shape.refused(type, "no component " + name));
        c.getAccessor().setAccessible(true);
        accessors.add(c.getAccessor());
      }
      return new Row(List.copyOf(accessors));
    }

    @Override
    public void write(JsonGenerator g, Object value) throws IOException {
      g.writeStartArray();
      for (Method accessor : accessors) {
        RecordJson.write(g, read(accessor, value));
      }
      g.writeEndArray();
    }
  }

  /** One component of an object. */
  record Property(String name, Method accessor, Inclusion inclusion) {}

  /** Which values of a property are written. */
  enum Inclusion {
    ALWAYS,
    NON_NULL,
    NON_EMPTY;

    static Inclusion of(JsonInclude include, Inclusion otherwise, Class<?> type) {
      if (include == null) {
        return otherwise;
      }
      if (include.content() != JsonInclude.Include.ALWAYS
          && include.content() != JsonInclude.Include.USE_DEFAULTS) {
        throw Shape.refused(type, "@JsonInclude(content = ...)");
      }
      return switch (include.value()) {
        case USE_DEFAULTS -> otherwise;
        case ALWAYS -> ALWAYS;
        case NON_NULL -> NON_NULL;
        case NON_EMPTY -> NON_EMPTY;
        default -> throw Shape.refused(type, "@JsonInclude(" + include.value() + ")");
      };
    }

    boolean keeps(Object value) {
      return switch (this) {
        case ALWAYS -> true;
        case NON_NULL -> value != null;
        case NON_EMPTY -> value != null && !empty(value);
      };
    }

    private static boolean empty(Object value) {
      return value instanceof String s && s.isEmpty()
          || value instanceof Collection<?> c && c.isEmpty()
          || value instanceof Map<?, ?> m && m.isEmpty();
    }
  }
}
