package org.supernodesim.results.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnergyAccountTest {
  private static final long SECOND = 1_000_000_000_000L;

  @Test
  void packageWorkedExample() {
    // Given 8 chips of 700 W TDP, idle 0.15 (105 W), communication-only 0.5 of the rest, 100 W
    // overhead per chip, PUE 1.1, a run of 1 s in which each chip computes 0.6 s and only
    // communicates 0.2 s.
    PowerModel model = new PowerModel(700, "test", 0.15, 0.5, 100, 1.1, "test");
    List<ChipActivity> chips = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      chips.add(new ChipActivity(r, 6 * SECOND / 10, 2 * SECOND / 10));
    }
    // When the energy is counted.
    EnergyResult e = EnergyAccount.energy(model, chips, SECOND, new Work(2, 4e6, 0));
    // Then E_i = 105 + 595 * (0.6 + 0.5 * 0.2) = 521.5 J, IT = 8 * (521.5 + 100) = 4972 J,
    // facility = 1.1 * 4972 = 5469.2 J.
    assertEquals(8 * 521.5, e.chipJoules(), 1e-9, "chips: 8 x 521.5 J, to rounding");
    assertEquals(800, e.overheadJoules(), 1e-9, "overhead: 8 x 100 W x 1 s");
    assertEquals(5469.2, e.facilityJoules(), 1e-9, "facility: PUE 1.1 x 4972 J");
    assertEquals(5469.2 / 3.6e6, e.kilowattHours(), 1e-15, "kWh = J / 3.6e6");
    assertEquals(521.5, e.averageChipWatts(), 1e-9, "mean chip power = 521.5 J / 1 s");
    assertEquals(5469.2 / 2, e.joulesPerStep(), 1e-9, "two steps share the energy");

    // And at 2 USD per chip-hour, 8 chip-seconds cost 8/3600 * 2 USD; at 0.091 USD/kWh the
    // facility energy costs 0.091 * 5469.2 / 3.6e6 USD; 4e6 tokens spread each cost.
    List<CostResult> costs =
        EnergyAccount.costs(
            List.of(
                new Price(2, "USD", Price.Basis.CHIP_HOUR, "test"),
                new Price(0.091, "USD", Price.Basis.KILOWATT_HOUR, "test")),
            8, SECOND, e, new Work(2, 4e6, 0));
    assertEquals(8.0 / 3600 * 2, costs.get(0).total(), 1e-15, "chip-hours x price");
    assertEquals(8.0 / 3600 * 2 / 4, costs.get(0).perMillionTokens(), 1e-15, "per 1e6 of 4e6");
    assertEquals(8.0 / 3600 * 2 / 4e6 * 1e12, costs.get(0).perTrillionTokens(), 1e-9, "per 1e12");
    assertNull(costs.get(0).perMillionOutputTokens(), "no output tokens, no serving cost");
    assertEquals(0.091 * 5469.2 / 3.6e6, costs.get(1).total(), 1e-15, "kWh x price");
    assertEquals(0.091 * 5469.2 / 3.6e6 / 2, costs.get(1).perStep(), 1e-15, "per step of 2");
  }

  @Test
  void energyPriceWithoutEnergyPricesNothing() {
    // A chip with an unknown TDP has no energy figure: only its chip-hours can be priced.
    List<CostResult> costs =
        EnergyAccount.costs(
            List.of(new Price(0.4, "CNY", Price.Basis.KILOWATT_HOUR, "t")), 8, SECOND, null,
            Work.ONE_STEP);
    assertEquals(0, costs.size(), "no energy, no energy cost");
  }
}
