package org.supernodesim.scenario.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.results.RunResult;
import org.supernodesim.results.energy.Price;
import org.supernodesim.results.report.JsonReport;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.scenario.file.PriceBook;
import org.supernodesim.scenario.file.Scenario;
import org.supernodesim.scenario.file.ScenarioException;
import org.supernodesim.scenario.file.ScenarioLoader;

/** Energy and cost from a scenario: defaults cited from prices.yaml, mistakes located. */
class AccountingTest {
  static final String H800 =
      """
      name: h800
      cluster:
        chips: 8
        chip: nvidia-h800-sxm
        fabric: { kind: single-switch, link: { bandwidth: 200 GB/s, latency: 1 us } }
      workload:
        collectives:
          - { kind: all-reduce, size: 1 GiB }
      """;

  static Scenario load(String text) {
    Catalog c = Catalog.standard();
    return new ScenarioLoader(c::chip, PriceBook.of(c.prices())).load("s.yaml", text, List.of(), false);
  }

  @Test
  void defaultsComeFromPricesYamlWithTheirRows() {
    // Given an H800 scenario without energy or cost keys.
    Scenario s = load(H800);
    // Then the chip-hour price is DeepSeek's stated 2 USD (the first priced H800 row), the
    // electricity the FT's US average and the PUE Uptime's 2023 industry average, each cited.
    Price hour = s.accounting().prices().get(0);
    assertEquals(2.0, hour.amount(), 0, "deepseek-h800-assumption: 2 USD per chip-hour");
    assertEquals("USD", hour.currency());
    assertTrue(hour.source().startsWith("prices.yaml deepseek-h800-assumption"), hour.source());
    Price kwh = s.accounting().prices().get(1);
    assertEquals(0.091, kwh.amount(), 0, "us-average-ft: 0.091 USD/kWh");
    assertEquals(1.58, s.accounting().pue(), 0, "uptime-2023: PUE 1.58");
    assertTrue(s.accounting().pueSource().contains("uptime-2023"), s.accounting().pueSource());
  }

  @Test
  void pricesAskedOnFirstUseGiveTheSameAccounting() {
    // Given a loader whose prices are asked of the catalog only when a scenario needs them (as
    // the command line's, so that a scenario is parsed while the prices are read elsewhere).
    Catalog c = Catalog.standard();
    int[] asked = {0};
    ScenarioLoader lazy =
        new ScenarioLoader(c::chip, PriceBook.onFirstUse(() -> {
          asked[0]++;
          return c.prices();
        }));
    assertEquals(0, asked[0], "making the loader asks nothing");

    Scenario s = lazy.load("s.yaml", H800, List.of(), false);

    // Then the scenario is priced, and cited, exactly as with the prices read up front.
    assertTrue(asked[0] > 0, "the defaults were asked for");
    assertEquals(load(H800).accounting(), s.accounting());
  }

  @Test
  void aRunIsPricedByItsChipHoursAndItsEnergy() {
    // Given 8 H800s (TDP 700 W in the catalog) with the model's fractions fixed by the scenario.
    Scenario s =
        load(H800 + "energy: { idlePowerFraction: 0.2, communicationPowerFraction: 0.5, pue: 1.2 }\n"
            + "cost: { chipHour: 3 EUR, electricity: 0.5 CNY/kWh }\n");
    RunResult r = ScenarioRunner.run(s, RuntimeChoice.SEQUENTIAL);
    double seconds = r.simulatedPicos() / 1e12;
    double tdp = r.energy().orElseThrow().model().tdpWatts();
    // Then every chip communicates for the whole run and never computes: E_i = T * (0.2 TDP +
    // 0.5 * 0.8 TDP) = 0.6 TDP T, and the facility draws 1.2 times the chips' 8 E_i.
    assertEquals(1.2 * 8 * 0.6 * tdp * seconds, r.energy().orElseThrow().facilityJoules(),
        1e-9 * r.energy().orElseThrow().facilityJoules(), "0.6 TDP per chip, PUE 1.2 (relative 1e-9)");
    assertEquals(8 * seconds / 3600 * 3, r.costs().get(0).total(), 1e-15, "8 chips x T x 3 EUR/h");
    assertEquals("EUR", r.costs().get(0).price().currency());
    assertEquals(0.5 * r.energy().orElseThrow().kilowattHours(), r.costs().get(1).total(), 1e-18, "kWh x 0.5");
    assertNull(r.costs().get(0).perMillionTokens(), "collectives have no tokens");
    // And the result reads back from its JSON to the same bytes.
    assertEquals(JsonReport.toJson(r), JsonReport.toJson(JsonReport.read(write(r))), "round trip");
  }

  @Test
  void mistakesNameTheirKey() {
    ScenarioException e =
        assertThrows(ScenarioException.class, () -> load(H800 + "cost: { chipHour: cheap }\n"));
    assertEquals("s.yaml:9:9: cost.chipHour", e.where() + ": " + e.keyPath(), e.getMessage());
    assertTrue(e.getMessage().contains("deepseek-h800-assumption"), "lists the rows: " + e.getMessage());
    e = assertThrows(ScenarioException.class, () -> load(H800 + "report: [json, pdf]\n"));
    assertEquals(
        "s.yaml:9:16: report[1]: \"pdf\" is not valid here; valid: json, md, html, csv, timeline,"
            + " timeline-gz, requests, hgrm",
        e.getMessage());
    e = assertThrows(ScenarioException.class,
        () -> load(H800 + "energy: { idlePowerFraction: 1.5 }\n"));
    assertEquals("energy.idlePowerFraction", e.keyPath(), e.getMessage());
  }

  private static java.nio.file.Path write(RunResult r) {
    try {
      java.nio.file.Path f = java.nio.file.Files.createTempFile("result", ".json");
      f.toFile().deleteOnExit();
      JsonReport.write(r, f);
      return f;
    } catch (java.io.IOException x) {
      throw new java.io.UncheckedIOException(x);
    }
  }
}
