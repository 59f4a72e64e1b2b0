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
    // Every spelling the tool prints is read back (CatalogText, reports): FLOP/s with a prefix,
    // µ as the micro sign U+00B5 or the Greek mu U+03BC, bits per second as vendors write them.
    "COMPUTE_RATE, 989.4 TFLOP/s, 9.894e14",
    "COMPUTE_RATE, 2.5 PFLOP/s, 2.5e15",
    "COMPUTE_RATE, 312 GFLOP/s, 3.12e11",
    "COMPUTE_RATE, 9.894e+14 flop/s, 9.894e14",
    "COMPUTE_RATE, 1979 TOP/s, 1.979e15",
    "COMPUTE_RATE, 5 EFLOPS, 5e18",
    "TIME, 1.5 \u00b5s, 1.5e6",
    "TIME, 1.5 \u03bcs, 1.5e6",
    "TIME, 1.5\u00b5s, 1.5e6",
    "BANDWIDTH, 400 Gbps, 5e10",
    "BANDWIDTH, 100 Mbps, 1.25e7",
    "BANDWIDTH, 1.6 Tbps, 2e11",
    "BANDWIDTH, 800 Gb/s, 1e11",
    "BANDWIDTH, 1 PB/s, 1e15",
    "BYTES, 2 PB, 2e15",
    "POWER, 1.2 kW, 1200",
    "POWER, 1 GW, 1e9",
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
        "\"392 GBs\" is not a bandwidth; write a number and one of B/s kB/s MB/s GB/s TB/s PB/s"
            + " EB/s KiB/s MiB/s GiB/s TiB/s b/s kb/s Mb/s Gb/s Tb/s Pb/s Eb/s bps kbps Mbps Gbps"
            + " Tbps Pbps Ebps",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Quantity.TIME.parse("1.5"));
    assertThrows(IllegalArgumentException.class, () -> Quantity.BYTES.parse("GiB"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Quantity.BYTES.parse("1.2.3 GiB"))
            .getMessage()
            .contains("is not a number"));
  }
}
