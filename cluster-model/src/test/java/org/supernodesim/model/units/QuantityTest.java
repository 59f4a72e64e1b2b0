package org.supernodesim.model.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuantityTest {

  @ParameterizedTest(name = "{0} {1} = {2}")
  @CsvSource({
    "BANDWIDTH, 392 GB/s, 3.92e11",
    "BANDWIDTH, 200 Gb/s, 2.5e10",
    "BANDWIDTH, 1.5 TiB/s, 1649267441664",
    "TIME, 1.5 us, 1.5e6",
    "TIME, 800 ns, 8e5",
    "TIME, 2 s, 2e12",
    "BYTES, 64 GiB, 68719476736",
    "BYTES, 1 MiB, 1048576",
    "BYTES, 80 GB, 8e10",
    "COMPUTE_RATE, 752 TFLOPS, 7.52e14",
    "COMPUTE_RATE, 1.5e3 TFLOPS, 1.5e15",
    "POWER, 700 W, 700",
  })
  void parsesEachUnitIntoItsBaseUnit(Quantity quantity, String text, double expected) {
    // GB = 10^9 B, GiB = 2^30 B, Gb = 10^9 bits: exact in a double at these sizes.
    assertEquals(expected, quantity.parse(text), 0.0, text);
  }

  @Test
  void aMissingOrWrongUnitNamesTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Quantity.BANDWIDTH.parse("392 GBs"));
    assertEquals(
        "\"392 GBs\" is not a bandwidth; write a number and one of B/s kB/s MB/s GB/s TB/s KiB/s"
            + " MiB/s GiB/s TiB/s Mb/s Gb/s Tb/s",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Quantity.TIME.parse("1.5"));
    assertThrows(IllegalArgumentException.class, () -> Quantity.BYTES.parse("GiB"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Quantity.BYTES.parse("1.2.3 GiB"))
            .getMessage()
            .contains("is not a number"));
  }
}
