package org.supernodesim.scenario.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Parses a scenario's text to the tree databind's {@code readTree} makes of it, from the parser's
 * tokens, without databind's mapper: objects, arrays, text, booleans, nulls, and whole numbers as
 * int, long or big-integer nodes by their size, other numbers as doubles. Anything else (an
 * embedded value, an empty document, a second document after the first, a parse error) returns
 * null, and the caller asks the mapper, whose error is the one reported. The tests parse every
 * scenario they load both ways and require equal trees.
 */
final class DirectTrees {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private DirectTrees() {}

  /** The tree of {@code text}, or null where the mapper must read it. */
  static JsonNode read(JsonFactory factory, String text) {
    try (JsonParser p = factory.createParser(text)) {
      if (p.nextToken() == null) {
        return null;
      }
      JsonNode tree = node(p);
      return tree == null || p.nextToken() != null ? null : tree;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static JsonNode node(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT: {
        ObjectNode object = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          p.nextToken();
          JsonNode value = node(p);
          if (value == null) {
            return null;
          }
          object.set(key, value);
        }
        return object;
      }
      case START_ARRAY: {
        ArrayNode array = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          JsonNode value = node(p);
          if (value == null) {
            return null;
          }
          array.add(value);
        }
        return array;
      }
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      case VALUE_NUMBER_INT:
        switch (p.getNumberType()) {
          case INT:
            return NODES.numberNode(p.getIntValue());
          case LONG:
            return NODES.numberNode(p.getLongValue());
          default:
            return NODES.numberNode(p.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        return p.getNumberType() == JsonParser.NumberType.DOUBLE
            ? NODES.numberNode(p.getDoubleValue())
            : null;
      default:
        return null;
    }
  }
}
