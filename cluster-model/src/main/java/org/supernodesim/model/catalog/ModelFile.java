package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One file of {@code models/}: the references it cites and one or more model shapes.
 *
 * @param schema always {@value #SCHEMA}
 * @param references id -> document; source strings start with these ids
 * @param sources field path -> source, for every model of the file (a model's own override them)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelFile(
    String schema,
    Map<String, ModelReference> references,
    Map<String, String> sources,
    List<ModelShape> models) {
  public static final String SCHEMA = "supernode-sim/model-shape/v1";

  public ModelFile {
    references = Copies.map(references);
    sources = Copies.map(sources);
    models = Copies.list(models);
  }

  /** The source of every field of {@code model}: the file's, overridden key by key by its own. */
  public Map<String, String> sourcesOf(ModelShape model) {
    Map<String, String> all = new LinkedHashMap<>(sources);
    all.putAll(model.sources());
    return Copies.map(all);
  }
}
