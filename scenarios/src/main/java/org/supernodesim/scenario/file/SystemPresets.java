package org.supernodesim.scenario.file;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.supernodesim.model.fabric.SystemPreset;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.FabricSections.PresetSection;
import org.supernodesim.scenario.file.FabricSections.PresetsFile;

/**
 * The catalog's systems as fabrics, read once from cluster-model's {@value #RESOURCE}: what a
 * scenario's {@code cluster: {system: ID, nodes: N}} builds. Names resolve as the catalog's do
 * (ids and aliases, any case).
 */
public final class SystemPresets {
  static final String RESOURCE = "org/supernodesim/model/fabric/system-presets.yaml";

  /** A preset: the system as a fabric, its chip preset and the source of each figure. */
  public record Entry(SystemPreset preset, String chip, Map<String, String> sources) {}

  private final Map<String, Entry> entries;

  private SystemPresets(Map<String, Entry> entries) {
    this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
  }

  /** The presets of the class path, read on first use; immutable. */
  public static SystemPresets standard() {
    return Holder.STANDARD;
  }

  private static final class Holder {
    static final SystemPresets STANDARD = load();
  }

  private static SystemPresets load() {
    ObjectMapper yaml = ScenarioLoader.strictMapper(new YAMLFactory());
    PresetsFile file;
    try (InputStream in = SystemPresets.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      file = yaml.readValue(in, PresetsFile.class);
    } catch (IOException e) {
      throw new IllegalStateException(RESOURCE + ": " + e.getMessage(), e);
    }
    Map<String, Entry> entries = new TreeMap<>();
    for (PresetSection p : file.presets()) {
      entries.put(p.system(), new Entry(p.spec(), p.chip(), Map.copyOf(p.sources())));
    }
    return new SystemPresets(entries);
  }

  /** The ids of the systems that have a preset, sorted. */
  public List<String> ids() {
    return List.copyOf(entries.keySet());
  }

  /**
   * The preset of the system named {@code name} (id or alias, any case).
   *
   * @throws IllegalArgumentException naming the valid systems if there is none
   */
  public Entry get(String name) {
    String id;
    try {
      id = Catalog.standard().system(name).id();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "\"" + name + "\" is not a system; valid: " + String.join(", ", ids()));
    }
    Entry e = entries.get(id);
    if (e == null) {
      throw new IllegalArgumentException(
          "system " + id + " has no fabric preset; valid: " + String.join(", ", ids()));
    }
    return e;
  }
}
