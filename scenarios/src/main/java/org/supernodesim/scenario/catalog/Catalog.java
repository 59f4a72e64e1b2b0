package org.supernodesim.scenario.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.supernodesim.model.catalog.CatalogEntry;
import org.supernodesim.model.catalog.ModelFile;
import org.supernodesim.model.catalog.ModelShape;
import org.supernodesim.model.catalog.Prices;
import org.supernodesim.model.chip.ChipSpec;

/**
 * The presets shipped with the product: every chip, system and model file of the catalog
 * resources, read once from the class path (so the product runs from its jar alone). Names are
 * matched case-insensitively against ids and aliases; an unknown name is an {@link
 * IllegalArgumentException} listing the valid ones. Everything is sorted by id.
 */
public final class Catalog {
  /** Where cluster-model keeps the catalog resources. */
  public static final String ROOT = "org/supernodesim/model/catalog/";

  /**
   * Names users type that the copied files lack; alias -> system id. Kept here, not in the files,
   * because the files are a verbatim copy. {@code ascend-910b-8} names the machine by its parts
   * (8 x Ascend 910B on an HCCS full mesh), as {@code hgx-h100-8} does for NVIDIA.
   */
  private static final Map<String, String> EXTRA_SYSTEM_ALIASES =
      Map.of("ascend-910b-8", "atlas-800t-a2");

  private final List<String> files;
  private final Map<String, CatalogEntry> chips;
  private final Map<String, ChipSpec> chipSpecs;
  private final Map<String, CatalogEntry> systems;
  private final Map<String, ModelShape> models;
  private final Map<String, ModelFile> modelFiles;
  private final Prices prices;
  private final Readings readings;
  private final Map<String, String> chipNames;
  private final Map<String, String> systemNames;
  private final Map<String, String> modelNames;

  private Catalog(
      List<String> files,
      Map<String, CatalogEntry> chips,
      Map<String, CatalogEntry> systems,
      Map<String, ModelShape> models,
      Map<String, ModelFile> modelFiles,
      Prices prices) {
    this.files = List.copyOf(files);
    this.chips = Collections.unmodifiableMap(new TreeMap<>(chips));
    this.systems = Collections.unmodifiableMap(new TreeMap<>(systems));
    this.models = Collections.unmodifiableMap(new TreeMap<>(models));
    this.modelFiles = Collections.unmodifiableMap(new TreeMap<>(modelFiles));
    this.prices = prices;
    this.readings = Readings.load(Catalog.class.getClassLoader());
    // Convert every chip now, so that a file a model cannot use fails at load, not mid-run.
    Map<String, ChipSpec> specs = new TreeMap<>();
    this.chips.forEach((id, entry) -> specs.put(id, entry.toChipSpec()));
    this.chipSpecs = Collections.unmodifiableMap(specs);
    this.chipNames = names("chip", this.chips.values().stream()
        .collect(Collectors.toMap(CatalogEntry::id, CatalogEntry::aliases)));
    this.systemNames = names("system", this.systems.values().stream()
        .collect(Collectors.toMap(CatalogEntry::id, CatalogEntry::aliases)));
    this.modelNames = names("model", this.models.values().stream()
        .collect(Collectors.toMap(ModelShape::id, ModelShape::aliases)));
  }

  /** The catalog of the class path, read on first use and shared: it is immutable. */
  public static Catalog standard() {
    return Holder.STANDARD;
  }

  /** Lazy, thread-safe by the class-initialisation rules; the only static state here. */
  private static final class Holder {
    static final Catalog STANDARD = load(Catalog.class.getClassLoader());
  }

  /**
   * Reads every file listed in {@code index.txt} under {@link #ROOT}.
   *
   * @throws IllegalStateException if a file is missing or does not match the records: the
   *     catalog ships with the product, so that is our bug, not the user's
   */
  public static Catalog load(ClassLoader loader) {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    List<String> files = readIndex(loader);
    Map<String, CatalogEntry> chips = new TreeMap<>();
    Map<String, CatalogEntry> systems = new TreeMap<>();
    Map<String, ModelShape> models = new TreeMap<>();
    Map<String, ModelFile> modelFiles = new TreeMap<>();
    Prices prices = null;
    for (String file : files) {
      if (!file.endsWith(".yaml")) {
        continue; // README.md: documentation, listed so that it ships and is checked to exist
      }
      String folder = file.contains("/") ? file.substring(0, file.indexOf('/')) : "";
      switch (folder) {
        case "chips" -> put(chips, checked(read(yaml, loader, file, CatalogEntry.class), file,
            CatalogEntry.CHIP), file);
        case "systems" -> put(systems, checked(read(yaml, loader, file, CatalogEntry.class), file,
            CatalogEntry.SYSTEM), file);
        case "models" -> {
          ModelFile modelFile = read(yaml, loader, file, ModelFile.class);
          if (!ModelFile.SCHEMA.equals(modelFile.schema())) {
            throw new IllegalStateException(file + ": schema " + modelFile.schema()
                + ", expected " + ModelFile.SCHEMA);
          }
          for (ModelShape model : modelFile.models()) {
            if (models.put(model.id(), model) != null) {
              throw new IllegalStateException(file + ": model " + model.id() + " is defined twice");
            }
            modelFiles.put(model.id(), modelFile);
          }
        }
        case "" -> {
          if (!file.equals("prices.yaml")) {
            throw new IllegalStateException("catalog: no reader for " + file);
          }
          prices = read(yaml, loader, file, Prices.class);
        }
        default -> throw new IllegalStateException("catalog: no reader for " + file);
      }
    }
    for (CatalogEntry system : List.copyOf(systems.values())) {
      if (!chips.containsKey(system.chip())) {
        throw new IllegalStateException("systems/" + system.id() + ".yaml: chip "
            + system.chip() + " is not in the catalog; chips: "
            + String.join(", ", chips.keySet()));
      }
    }
    EXTRA_SYSTEM_ALIASES.forEach((alias, id) -> {
      CatalogEntry system = systems.get(id);
      if (system == null) {
        throw new IllegalStateException("alias " + alias + " names the missing system " + id);
      }
      systems.put(id, system.withAliases(List.of(alias)));
    });
    return new Catalog(files, chips, systems, models, modelFiles, prices);
  }

  /**
   * The chip named {@code name} (id or alias, any case), in SI units; {@code PRESET@READING}
   * names one reading of a preset whose reports conflict (see {@code readings.yaml}).
   */
  public ChipSpec chip(String name) {
    int at = name.indexOf('@');
    if (at > 0) {
      ChipSpec base = chipSpecs.get(resolve("chip", chipNames, name.substring(0, at)));
      return readings.apply(base.id() + name.substring(at), base);
    }
    return chipSpecs.get(resolve("chip", chipNames, name));
  }

  /** The names of every chip reading ({@code alibaba-ppu@cctv}, ...). */
  public List<String> readings() {
    return readings.names();
  }

  /** The system named {@code name} (id or alias, any case). */
  public CatalogEntry system(String name) {
    return systems.get(resolve("system", systemNames, name));
  }

  /** The model named {@code name} (id or alias, any case). */
  public ModelShape model(String name) {
    return models.get(resolve("model", modelNames, name));
  }

  /** The file a model was read from: its references and file-wide sources. */
  public ModelFile modelFile(String name) {
    return modelFiles.get(resolve("model", modelNames, name));
  }

  /** The chip or system named {@code name}; chips first (no name is both). */
  public CatalogEntry entry(String name) {
    String key = normalize(name);
    if (chipNames.containsKey(key)) {
      return chips.get(chipNames.get(key));
    }
    if (systemNames.containsKey(key)) {
      return systems.get(systemNames.get(key));
    }
    throw new IllegalArgumentException("no chip or system named '" + name + "'; chips: "
        + validNames(chipNames) + "; systems: " + validNames(systemNames));
  }

  /** True if {@code name} is a model (id or alias, any case). */
  public boolean isModel(String name) {
    return modelNames.containsKey(normalize(name));
  }

  /** Every chip entry, by id. */
  public List<CatalogEntry> chips() {
    return List.copyOf(chips.values());
  }

  /** Every chip in SI units, by id. */
  public List<ChipSpec> chipSpecs() {
    return List.copyOf(chipSpecs.values());
  }

  /** Every system entry, by id. */
  public List<CatalogEntry> systems() {
    return List.copyOf(systems.values());
  }

  /** Every model shape, by id. */
  public List<ModelShape> models() {
    return List.copyOf(models.values());
  }

  /** Prices, electricity and PUE defaults. */
  public Prices prices() {
    return prices;
  }

  /** The files of the catalog, as listed in its index (paths relative to {@link #ROOT}). */
  public List<String> files() {
    return files;
  }

  private static String resolve(String kind, Map<String, String> names, String name) {
    String id = names.get(normalize(name));
    if (id == null) {
      throw new IllegalArgumentException(
          "no " + kind + " named '" + name + "'; valid " + kind + "s: " + validNames(names));
    }
    return id;
  }

  /** "id (alias, alias), id, ..." in id order. */
  private static String validNames(Map<String, String> names) {
    Map<String, List<String>> byId = new TreeMap<>();
    names.forEach((name, id) -> {
      List<String> list = byId.computeIfAbsent(id, k -> new ArrayList<>());
      if (!name.equals(id)) {
        list.add(name);
      }
    });
    return byId.entrySet().stream()
        .map(e -> e.getValue().isEmpty()
            ? e.getKey() : e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
        .collect(Collectors.joining(", "));
  }

  /** Lower-cased name -> id for ids and aliases; an alias naming two entries is a catalog bug. */
  private static Map<String, String> names(String kind, Map<String, List<String>> aliasesById) {
    Map<String, String> names = new TreeMap<>();
    new TreeMap<>(aliasesById).forEach((id, aliases) -> {
      List<String> all = new ArrayList<>(List.of(id));
      all.addAll(aliases);
      for (String name : all) {
        String previous = names.put(normalize(name), id);
        if (previous != null && !previous.equals(id)) {
          throw new IllegalStateException(
              kind + " name '" + name + "' means both " + previous + " and " + id);
        }
      }
    });
    return Collections.unmodifiableMap(names);
  }

  private static String normalize(String name) {
    return name.trim().toLowerCase(Locale.ROOT);
  }

  private static CatalogEntry checked(CatalogEntry entry, String file, String kind) {
    String expectedId = file.substring(file.indexOf('/') + 1, file.length() - ".yaml".length());
    if (!kind.equals(entry.kind()) || !expectedId.equals(entry.id())) {
      throw new IllegalStateException(file + ": kind " + entry.kind() + ", id " + entry.id()
          + "; expected kind " + kind + ", id " + expectedId + " (the file name)");
    }
    return entry;
  }

  private static void put(Map<String, CatalogEntry> map, CatalogEntry entry, String file) {
    if (map.put(entry.id(), entry) != null) {
      throw new IllegalStateException(file + ": " + entry.id() + " is defined twice");
    }
  }

  private static <T> T read(ObjectMapper yaml, ClassLoader loader, String file, Class<T> type) {
    try (InputStream in = open(loader, file)) {
      return yaml.readValue(in, type);
    } catch (IOException e) {
      throw new IllegalStateException("catalog file " + file + ": " + e.getMessage(), e);
    }
  }

  private static List<String> readIndex(ClassLoader loader) {
    List<String> files = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(open(loader, "index.txt"), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String path = line.strip();
        if (!path.isEmpty() && !path.startsWith("#")) {
          files.add(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("catalog index " + ROOT + "index.txt", e);
    }
    return files;
  }

  private static InputStream open(ClassLoader loader, String file) {
    InputStream in = loader.getResourceAsStream(ROOT + file);
    if (in == null) {
      throw new IllegalStateException("catalog file " + ROOT + file + " is not on the class path");
    }
    return in;
  }
}
