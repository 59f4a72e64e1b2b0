package org.supernodesim.scenario.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.supernodesim.model.catalog.CatalogEntry;
import org.supernodesim.model.catalog.ModelFile;
import org.supernodesim.model.catalog.ModelShape;
import org.supernodesim.model.catalog.Prices;
import org.supernodesim.model.chip.ChipSpec;

/**
 * The presets shipped with the product: every chip, system and model file of the catalog
 * resources, read from the class path (so the product runs from its jar alone) when first needed:
 * a chip or system asked for by its id reads its own file only (start-up was mostly reading every
 * file), anything else (an alias, a listing, an unknown name) reads them all, once; models and
 * prices likewise wait for their first use. Names are
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
  private final ClassLoader loader;
  private final List<String> modelFileNames;
  // Ids of the chip and system files, from the index: names that need no other file read.
  private final Set<String> chipIds;
  private final Set<String> systemIds;
  // Read on first use. A race reads a file twice, alike; each value is immutable.
  private volatile Table table;
  private volatile Models models;
  private volatile Prices prices;
  private final Object pricesLock = new Object();
  private volatile Readings readings;
  // One mapper for every file, so each record type's deserializer is built once.
  private volatile ObjectMapper mapper;
  private final ConcurrentHashMap<String, ChipSpec> chipsById = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CatalogEntry> systemsById = new ConcurrentHashMap<>();

  /** Every chip and system, and lower-cased name -> id for ids and aliases. */
  private record Table(
      Map<String, CatalogEntry> chips,
      Map<String, ChipSpec> chipSpecs,
      Map<String, CatalogEntry> systems,
      Map<String, String> chipNames,
      Map<String, String> systemNames) {}

  /** The model shapes by id, the file each came from, and lower-cased name -> id. */
  private record Models(
      Map<String, ModelShape> shapes, Map<String, ModelFile> files, Map<String, String> names) {}

  private Catalog(List<String> files, ClassLoader loader) {
    this.files = List.copyOf(files);
    this.loader = loader;
    this.modelFileNames =
        this.files.stream().filter(f -> f.startsWith("models/") && f.endsWith(".yaml")).toList();
    this.chipIds = idsIn(this.files, "chips/");
    this.systemIds = idsIn(this.files, "systems/");
  }

  private static Set<String> idsIn(List<String> files, String folder) {
    return files.stream()
        .filter(f -> f.startsWith(folder) && f.endsWith(".yaml"))
        .map(f -> f.substring(folder.length(), f.length() - ".yaml".length()))
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Every chip and system, read on first use and checked as a whole. */
  private Table table() {
    Table t = table;
    if (t == null) {
      t = readTable(this::yamlMapper, loader, files);
      table = t;
    }
    return t;
  }

  private static Table readTable(
      Supplier<ObjectMapper> yaml, ClassLoader loader, List<String> files) {
    Map<String, CatalogEntry> chips = new TreeMap<>();
    Map<String, CatalogEntry> systems = new TreeMap<>();
    for (String file : files) {
      if (file.startsWith("chips/") && file.endsWith(".yaml")) {
        put(chips, checked(read(yaml, loader, file, CatalogEntry.class), file, CatalogEntry.CHIP),
            file);
      } else if (file.startsWith("systems/") && file.endsWith(".yaml")) {
        put(systems, checked(read(yaml, loader, file, CatalogEntry.class), file,
            CatalogEntry.SYSTEM), file);
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
    // Convert every chip now, so that a file a model cannot use fails at load, not mid-run.
    Map<String, ChipSpec> specs = new TreeMap<>();
    chips.forEach((id, entry) -> specs.put(id, entry.toChipSpec()));
    return new Table(
        Collections.unmodifiableMap(chips),
        Collections.unmodifiableMap(specs),
        Collections.unmodifiableMap(systems),
        names("chip", chips.values().stream()
            .collect(Collectors.toMap(CatalogEntry::id, CatalogEntry::aliases))),
        names("system", systems.values().stream()
            .collect(Collectors.toMap(CatalogEntry::id, CatalogEntry::aliases))));
  }

  /** The chip of id {@code id} (a file of the index), its file alone read if need be. */
  private ChipSpec chipById(String id) {
    Table t = table;
    if (t != null) {
      return t.chipSpecs().get(id);
    }
    return chipsById.computeIfAbsent(id, k -> {
      String file = "chips/" + id + ".yaml";
      return checked(
              read(this::yamlMapper, loader, file, CatalogEntry.class), file, CatalogEntry.CHIP)
          .toChipSpec();
    });
  }

  /** The system of id {@code id} (a file of the index), its file alone read if need be. */
  private CatalogEntry systemById(String id) {
    Table t = table;
    if (t != null) {
      return t.systems().get(id);
    }
    return systemsById.computeIfAbsent(id, k -> {
      String file = "systems/" + id + ".yaml";
      CatalogEntry system =
          checked(read(this::yamlMapper, loader, file, CatalogEntry.class), file,
              CatalogEntry.SYSTEM);
      if (!chipIds.contains(system.chip())) {
        throw new IllegalStateException(file + ": chip " + system.chip()
            + " is not in the catalog; chips: " + String.join(", ", new TreeSet<>(chipIds)));
      }
      List<String> extra = EXTRA_SYSTEM_ALIASES.entrySet().stream()
          .filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).sorted().toList();
      return extra.isEmpty() ? system : system.withAliases(extra);
    });
  }

  /** The models, read on first use (thread-safe: a race reads them twice, alike). */
  private Models modelTable() {
    Models m = models;
    if (m == null) {
      m = readModels(this::yamlMapper, loader, modelFileNames);
      models = m;
    }
    return m;
  }

  private ObjectMapper yamlMapper() {
    ObjectMapper m = mapper;
    if (m == null) {
      m = new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      mapper = m;
    }
    return m;
  }

  private static Models readModels(
      Supplier<ObjectMapper> yaml, ClassLoader loader, List<String> files) {
    Map<String, ModelShape> models = new TreeMap<>();
    Map<String, ModelFile> modelFiles = new TreeMap<>();
    for (String file : files) {
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
    return new Models(Collections.unmodifiableMap(models), Collections.unmodifiableMap(modelFiles),
        names("model", models.values().stream()
            .collect(Collectors.toMap(ModelShape::id, ModelShape::aliases))));
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
    List<String> files = readIndex(loader);
    for (String file : files) {
      String folder = file.contains("/") ? file.substring(0, file.indexOf('/')) : "";
      boolean known = !file.endsWith(".yaml")
          || Set.of("chips", "systems", "models").contains(folder)
          || file.equals("prices.yaml");
      if (!known) {
        throw new IllegalStateException("catalog: no reader for " + file);
      }
    }
    return new Catalog(files, loader);
  }

  /**
   * The chip named {@code name} (id or alias, any case), in SI units; {@code PRESET@READING}
   * names one reading of a preset whose reports conflict (see {@code readings.yaml}).
   */
  public ChipSpec chip(String name) {
    int at = name.indexOf('@');
    if (at > 0) {
      ChipSpec base = chipNamed(name.substring(0, at));
      return readings().apply(base.id() + name.substring(at), base);
    }
    return chipNamed(name);
  }

  private ChipSpec chipNamed(String name) {
    String key = normalize(name);
    if (chipIds.contains(key)) {
      return chipById(key);
    }
    return table().chipSpecs().get(resolve("chip", table().chipNames(), name));
  }

  private Readings readings() {
    Readings r = readings;
    if (r == null) {
      r = Readings.load(Catalog.class.getClassLoader());
      readings = r;
    }
    return r;
  }

  /** The names of every chip reading ({@code alibaba-ppu@cctv}, ...). */
  public List<String> readingNames() {
    return readings().names();
  }

  /** The system named {@code name} (id or alias, any case). */
  public CatalogEntry system(String name) {
    String key = normalize(name);
    if (systemIds.contains(key)) {
      return systemById(key);
    }
    if (EXTRA_SYSTEM_ALIASES.containsKey(key)) {
      return systemById(EXTRA_SYSTEM_ALIASES.get(key));
    }
    return table().systems().get(resolve("system", table().systemNames(), name));
  }

  /** The model named {@code name} (id or alias, any case). */
  public ModelShape model(String name) {
    Models m = modelTable();
    return m.shapes().get(resolve("model", m.names(), name));
  }

  /** The file a model was read from: its references and file-wide sources. */
  public ModelFile modelFile(String name) {
    Models m = modelTable();
    return m.files().get(resolve("model", m.names(), name));
  }

  /** The chip or system named {@code name}; chips first (no name is both). */
  public CatalogEntry entry(String name) {
    String key = normalize(name);
    Table t = table();
    if (t.chipNames().containsKey(key)) {
      return t.chips().get(t.chipNames().get(key));
    }
    if (t.systemNames().containsKey(key)) {
      return t.systems().get(t.systemNames().get(key));
    }
    throw new IllegalArgumentException("no chip or system named '" + name + "'; chips: "
        + validNames(t.chipNames()) + "; systems: " + validNames(t.systemNames()));
  }

  /** True if {@code name} is a model (id or alias, any case). */
  public boolean isModel(String name) {
    return modelTable().names().containsKey(normalize(name));
  }

  /** Every chip entry, by id. */
  public List<CatalogEntry> chips() {
    return List.copyOf(table().chips().values());
  }

  /** Every chip in SI units, by id. */
  public List<ChipSpec> chipSpecs() {
    return List.copyOf(table().chipSpecs().values());
  }

  /** Every system entry, by id. */
  public List<CatalogEntry> systems() {
    return List.copyOf(table().systems().values());
  }

  /** Every model shape, by id. */
  public List<ModelShape> models() {
    return List.copyOf(modelTable().shapes().values());
  }

  /** Prices, electricity and PUE defaults. */
  public Prices prices() {
    Prices p = prices;
    if (p == null) {
      // Locked, unlike the other files, so that a caller waits for a read under way (the command
      // line starts one on a thread of its own).
      synchronized (pricesLock) {
        p = prices;
        if (p == null) {
          p = read(this::yamlMapper, loader, "prices.yaml", Prices.class);
          prices = p;
        }
      }
    }
    return p;
  }

  /**
   * Reads the prices, for a thread of its own started before a scenario is read: the scenario
   * takes its cost defaults from them. Its chip's file and calibration are read from their JSON
   * twins without databind (see {@link TwinReader}), so no reader is built ahead for them.
   */
  public void prepare() {
    prices();
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

  /** A shipped file: its JSON twin when current, else its YAML, whose mapper only then is built. */
  private static <T> T read(
      Supplier<ObjectMapper> yaml, ClassLoader loader, String file, Class<T> type) {
    try (InputStream in = open(loader, file)) {
      byte[] bytes = in.readAllBytes();
      T twin = CatalogJson.read(loader, ROOT + file, bytes, type);
      return twin != null ? twin : yaml.get().readValue(bytes, type);
    } catch (JsonProcessingException e) {
      throw ShippedFileErrors.located(ROOT + file, e);
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
