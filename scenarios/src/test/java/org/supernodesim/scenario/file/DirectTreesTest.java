package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Trees read from the parser's tokens against databind's {@code readTree}: the same nodes, of
 * the same types, for each kind of value; left to databind where its answer is an error or
 * something else.
 */
class DirectTreesTest {
  @Test
  void eachKindOfValueGivesDatabindsNode() throws IOException {
    for (ScenarioFormat format : ScenarioFormat.values()) {
      String text = format == ScenarioFormat.YAML
          ? "a: 1\nb: 5000000000\nc: 123456789012345678901234567890\nd: 1.5\ne: -2e-3\n"
              + "f: text\ng: true\nh: false\ni: null\nj: [1, [2, {k: 3}], {}]\nl: 64 GiB\n"
          : "{\"a\": 1, \"b\": 5000000000, \"c\": 123456789012345678901234567890, \"d\": 1.5,"
              + " \"e\": -2e-3, \"f\": \"text\", \"g\": true, \"h\": false, \"i\": null,"
              + " \"j\": [1, [2, {\"k\": 3}], {}], \"l\": \"64 GiB\"}";
      JsonNode direct = DirectTrees.read(format.factory(), text);
      JsonNode databind = format.mapper().readTree(text);
      assertEquals(databind, direct, format.name());
      assertEquals(databind.get("b").getNodeType(), direct.get("b").getNodeType());
      assertEquals(databind.get("c").getClass(), direct.get("c").getClass(), "big integer");
      assertEquals(databind.get("d").getClass(), direct.get("d").getClass(), "double");
    }
  }

  @Test
  void whatDatabindAnswersOtherwiseIsLeftToIt() {
    JsonNodeCheck.none("");                    // empty: databind's own answer
    JsonNodeCheck.none("a: 1\n---\nb: 2\n");   // a second document: databind's error
    JsonNodeCheck.none("a: [1, 2\n");          // a parse error: databind's error, with its line
    JsonNodeCheck.none("a: 1\na: 2\n");        // a duplicate key
  }

  private static final class JsonNodeCheck {
    static void none(String yaml) {
      assertNull(DirectTrees.read(ScenarioFormat.YAML.factory(), yaml), yaml);
    }
  }
}
