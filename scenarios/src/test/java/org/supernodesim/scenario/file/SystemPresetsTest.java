package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.catalog.CatalogEntry;
import org.supernodesim.scenario.catalog.Catalog;

/** Every system preset against the catalog file it is drawn from. */
class SystemPresetsTest {
  private static final ScenarioLoader LOADER = new ScenarioLoader(Catalog.standard()::chip);

  static Stream<String> systems() {
    return SystemPresets.standard().ids().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("systems")
  void aPresetHasTheCatalogsChipAndChipCountAndCitesEveryFigure(String id) {
    SystemPresets.Entry preset = SystemPresets.standard().get(id);
    CatalogEntry system = Catalog.standard().system(id);
    assertEquals(system.chip(), preset.chip(), id + ": the catalog's chip");
    assertEquals(
        ((Number) system.figure("acceleratorCount").orElseThrow().value()).doubleValue(),
        preset.preset().chipsPerSystem(),
        0.0,
        id + ": chips per system = the catalog's acceleratorCount");
    assertTrue(preset.sources().keySet().stream().anyMatch(k -> k.startsWith("scaleUp.")),
        id + ": the scale-up figures cite their sources");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("systems")
  void aScenarioNamingThePresetGetsItsChipsChipAndFabric(String id) {
    Scenario one = load("{system: " + id + "}");
    Scenario two = load("{system: " + id + ", nodes: 2}");
    int perSystem = SystemPresets.standard().get(id).preset().chipsPerSystem();
    assertEquals(perSystem, one.chips(), id + ": one system");
    assertEquals(2 * perSystem, two.chips(), id + ": two systems");
    assertEquals(Catalog.standard().system(id).chip(), one.chip().id(), id + ": chip");
    Topology t = Topology.build(two.fabric(), two.chips());
    assertTrue(t.hasDomains(), id + ": two systems are two scale-up domains");
    assertEquals(1, t.domainOf(perSystem), id + ": chip " + perSystem + " opens the second");
  }

  private static Scenario load(String cluster) {
    String text =
        "name: t\ncluster: " + cluster + "\nworkload:\n  collectives:\n"
            + "    - { kind: all-reduce, size: 1 MiB }\n";
    return LOADER.load("t.yaml", text, List.of(), false);
  }
}
