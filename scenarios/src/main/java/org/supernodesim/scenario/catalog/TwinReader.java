package org.supernodesim.scenario.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a shipped catalog file's JSON twin (see {@link CatalogJson}) to its records with Jackson's
 * streaming parser, without building databind's deserializers: on a short run those cost more CPU
 * than the files themselves (the prices' and a chip's and a calibration's about 45 ms, on the
 * thread that reads them while the command line is set up). It knows only what the catalog's
 * records use: records by their canonical constructor, {@code @JsonProperty} names and {@code
 * required}, {@code @JsonIgnoreProperties(ignoreUnknown = true)}, a type's static
 * {@code @JsonCreator} of one string; lists, maps of string keys, strings, numbers, booleans and
 * untyped values as databind reads them. Anything else (a type it does not know, a key a record
 * does not take, a value it would have to coerce, a constructor's refusal) returns null, and the
 * caller reads the file as before, so an error is databind's and the YAML's. Only twins are read
 * so, and a test reads every shipped one both ways and finds the records equal.
 */
final class TwinReader {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final ClassValue<RecordType> RECORDS =
      new ClassValue<>() {
        @Override
        protected RecordType computeValue(Class<?> type) {
          return RecordType.of(type);
        }
      };

  private static final ClassValue<Method> CREATORS =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          for (Method m : type.getDeclaredMethods()) {
            if (m.isAnnotationPresent(JsonCreator.class)
                && Modifier.isStatic(m.getModifiers())
                && m.getParameterCount() == 1
                && m.getParameterTypes()[0] == String.class
                && m.getReturnType() == type) {
              m.setAccessible(true);
              return m;
            }
          }
          return null;
        }
      };

  private TwinReader() {}

  /** {@code json} bound to {@code type}, or null where databind should read it instead. */
  static <T> T read(byte[] json, Class<T> type) {
    try (JsonParser p = FACTORY.createParser(json)) {
      p.nextToken();
      Object value = value(p, type);
      if (p.nextToken() != null) {
        return null;
      }
      return type.cast(value);
    } catch (NotHere | IOException e) {
      return null;
    }
  }

  /** Not read here: databind reads the file instead. Carries no stack trace. */
  private static final class NotHere extends RuntimeException {
    private static final NotHere INSTANCE = new NotHere();

    private NotHere() {
      super(null, null, false, false);
    }
  }

  /** The value at the parser's current token, as {@code type}. */
  private static Object value(JsonParser p, Type type) throws IOException {
    JsonToken t = p.currentToken();
    if (type instanceof ParameterizedType generic) {
      Class<?> raw = (Class<?>) generic.getRawType();
      Type[] args = generic.getActualTypeArguments();
      if (t == JsonToken.VALUE_NULL) {
        return null;
      }
      if (raw == List.class && t == JsonToken.START_ARRAY) {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(p, args[0]));
        }
        return list;
      }
      if (raw == Map.class && args[0] == String.class && t == JsonToken.START_OBJECT) {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          map.put(key, value(p, args[1]));
        }
        return map;
      }
      throw NotHere.INSTANCE;
    }
    if (!(type instanceof Class<?> c)) {
      throw NotHere.INSTANCE;
    }
    if (t == JsonToken.VALUE_NULL) {
      if (c.isPrimitive()) {
        throw NotHere.INSTANCE;
      }
      return null;
    }
    if (c == Object.class) {
      return untyped(p);
    }
    if (c == String.class) {
      // A number or a boolean where text is expected is read as written, as databind does.
      if (t == JsonToken.VALUE_STRING || t.isScalarValue()) {
        return p.getText();
      }
      throw NotHere.INSTANCE;
    }
    if (c == Double.class || c == double.class) {
      if (t.isNumeric()) {
        return p.getDoubleValue();
      }
      throw NotHere.INSTANCE;
    }
    if (c == Integer.class || c == int.class) {
      if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
        return p.getIntValue();
      }
      throw NotHere.INSTANCE;
    }
    if (c == Long.class || c == long.class) {
      JsonParser.NumberType n = t == JsonToken.VALUE_NUMBER_INT ? p.getNumberType() : null;
      if (n == JsonParser.NumberType.INT || n == JsonParser.NumberType.LONG) {
        return p.getLongValue();
      }
      throw NotHere.INSTANCE;
    }
    if (c == Boolean.class || c == boolean.class) {
      if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        return t == JsonToken.VALUE_TRUE;
      }
      throw NotHere.INSTANCE;
    }
    if (c.isRecord() && t == JsonToken.START_OBJECT) {
      return RECORDS.get(c).read(p);
    }
    Method creator = CREATORS.get(c);
    if (creator != null && t == JsonToken.VALUE_STRING) {
      return call(creator, p.getText());
    }
    throw NotHere.INSTANCE;
  }

  /** A value of no declared type, as databind's untyped reader makes it. */
  private static Object untyped(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberValue(); // Integer, Long or BigInteger by size
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(untyped(p));
        }
        return list;
      }
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          map.put(key, untyped(p));
        }
        return map;
      }
      default:
        throw NotHere.INSTANCE;
    }
  }

  private static Object call(Method creator, String text) {
    try {
      return creator.invoke(null, text);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw NotHere.INSTANCE;
    }
  }

  /** A record's keys, their types and its canonical constructor. */
  private record RecordType(
      Map<String, Integer> slots,
      Type[] types,
      boolean[] required,
      Constructor<?> constructor,
      boolean ignoreUnknown) {
    static RecordType of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Map<String, Integer> slots = new HashMap<>();
      Type[] types = new Type[components.length];
      boolean[] required = new boolean[components.length];
      Class<?>[] raw = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        // JsonProperty has no record-component target: it reaches the accessor.
        JsonProperty property = c.getAccessor().getAnnotation(JsonProperty.class);
        String name =
            property != null && !property.value().isEmpty() ? property.value() : c.getName();
        slots.put(name, i);
        types[i] = c.getGenericType();
        required[i] = property != null && property.required();
        raw[i] = c.getType();
      }
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(raw);
        constructor.setAccessible(true);
        JsonIgnoreProperties ignore = type.getAnnotation(JsonIgnoreProperties.class);
        return new RecordType(Map.copyOf(slots), types, required, constructor,
            ignore != null && ignore.ignoreUnknown());
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("a record without its canonical constructor: " + type, e);
      }
    }

    Object read(JsonParser p) throws IOException {
      Object[] args = new Object[types.length];
      boolean[] given = new boolean[types.length];
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        Integer slot = slots.get(p.currentName());
        p.nextToken();
        if (slot == null) {
          if (!ignoreUnknown) {
            throw NotHere.INSTANCE;
          }
          p.skipChildren();
          continue;
        }
        args[slot] = value(p, types[slot]);
        given[slot] = true;
      }
      for (int i = 0; i < types.length; i++) {
        if (!given[i]) {
          if (required[i]) {
            throw NotHere.INSTANCE;
          }
          args[i] = absent(types[i]);
        }
      }
      try {
        return constructor.newInstance(args);
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        throw NotHere.INSTANCE; // databind reports the constructor's refusal
      }
    }

    /** What databind passes for a key not given: null, or a primitive's zero. */
    private static Object absent(Type type) {
      if (type == double.class) {
        return 0.0;
      }
      if (type == int.class) {
        return 0;
      }
      if (type == long.class) {
        return 0L;
      }
      if (type == boolean.class) {
        return false;
      }
      return null;
    }
  }
}
