package org.supernodesim.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.supernodesim.model.units.Quantity;

/**
 * What the catalog command prints, a scenario file accepts: every unit and prefix {@link
 * CatalogText} writes parses back to the value printed.
 */
class PrintedUnitsTest {

  static Stream<Arguments> printedValues() {
    // Seeded magnitudes from 1 to 1e20 so that every SI prefix from none to exa is printed.
    SplittableRandom random = new SplittableRandom(18);
    Stream.Builder<Arguments> cases = Stream.builder();
    Object[][] kinds = {
      {"FLOP/s", Quantity.COMPUTE_RATE, 1.0},
      {"OP/s", Quantity.COMPUTE_RATE, 1.0},
      {"B", Quantity.BYTES, 1.0},
      {"B/s", Quantity.BANDWIDTH, 1.0},
      {"b/s", Quantity.BANDWIDTH, 1.0 / 8},
      {"W", Quantity.POWER, 1.0},
    };
    for (Object[] kind : kinds) {
      for (int exponent = 0; exponent <= 20; exponent++) {
        double value = Math.pow(10, exponent) * (1 + 9 * random.nextDouble());
        cases.add(Arguments.of(kind[0], kind[1], kind[2], value));
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{3} {0}")
  @MethodSource("printedValues")
  void everyPrefixedUnitPrintedIsReadBack(
      String unit, Quantity quantity, double siPerUnit, double value) {
    String printed = CatalogText.prefixed(value, unit);

    // Six significant digits are printed: read back within 5e-6 of the value.
    assertEquals(value * siPerUnit, quantity.parse(printed), 5e-6 * value * siPerUnit,
        printed + " reads back as " + quantity.description());
  }
}
