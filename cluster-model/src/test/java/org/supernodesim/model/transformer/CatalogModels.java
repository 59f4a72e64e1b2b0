package org.supernodesim.model.transformer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.catalog.ModelFile;
import org.supernodesim.model.catalog.ModelShape;

/**
 * Reads the catalog's model files from the class path for tests, as the scenarios module's
 * Catalog does in production (cluster-model main code may not use an ObjectMapper).
 */
public final class CatalogModels {
  static final String ROOT = "org/supernodesim/model/catalog/";

  private CatalogModels() {}

  /** Every model of every {@code models/*.yaml} listed in the catalog index, in index order. */
  public static List<ModelShape> all() {
    return Holder.ALL;
  }

  /** Read once per test JVM (YAML parsing dominates the tests' time); immutable. */
  private static final class Holder {
    static final List<ModelShape> ALL = load();
  }

  private static List<ModelShape> load() {
    List<ModelShape> models = new ArrayList<>();
    for (String line : resource("index.txt").lines().toList()) {
      String path = line.strip();
      if (path.startsWith("models/") && path.endsWith(".yaml")) {
        models.addAll(parse(resource(path)).models());
      }
    }
    return List.copyOf(models);
  }

  /** The model {@code id}. */
  public static ModelShape model(String id) {
    return all().stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model " + id + " in the catalog"));
  }

  /** The text of a catalog resource, e.g. {@code models/deepseek-v3.yaml}. */
  static String resource(String path) {
    try (InputStream in = CatalogModels.class.getClassLoader().getResourceAsStream(ROOT + path)) {
      if (in == null) {
        throw new IllegalStateException(ROOT + path + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A model file from its YAML text. */
  static ModelFile parse(String yaml) {
    try {
      return new ObjectMapper(new YAMLFactory()).readValue(yaml, ModelFile.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
