package org.supernodesim.scenario.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How a scenario file is spelt: YAML, or JSON by a {@code .json} name. Its parser's factory is
 * built at once (jackson-core and the YAML library: cheap); databind's strict mapper only on first
 * use, since a file that {@link DirectTrees} and {@link DirectBinder} read needs none (its date
 * format alone costs about 40 ms of CPU, cold).
 */
enum ScenarioFormat {
  YAML,
  JSON;

  /** The parser factory, configured as the mapper's own. */
  JsonFactory factory() {
    return this == YAML ? Factories.YAML : Factories.JSON;
  }

  /** Databind's strict mapper for this spelling (see {@link ScenarioLoader#strictMapper}). */
  ObjectMapper mapper() {
    return this == YAML ? StrictYaml.MAPPER : StrictJson.MAPPER;
  }

  private static final class Factories {
    static final JsonFactory YAML = ScenarioLoader.strictFactory(ScenarioLoader.yamlFactory());
    static final JsonFactory JSON = ScenarioLoader.strictFactory(ScenarioLoader.jsonFactory());

    private Factories() {}
  }

  private static final class StrictYaml {
    static final ObjectMapper MAPPER = ScenarioLoader.strictMapper(ScenarioLoader.yamlFactory());
  }

  private static final class StrictJson {
    static final ObjectMapper MAPPER = ScenarioLoader.strictMapper(ScenarioLoader.jsonFactory());
  }
}
