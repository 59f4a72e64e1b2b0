package org.supernodesim.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReportFormatTest {
  @ParameterizedTest(name = "{0} B = {1}")
  @CsvSource({
    "1073741824, 1 GiB",
    "1610612736, 1.5 GiB",
    "2000000000, 2 GB",
    "1000, 1 kB",
    "1023, 1023 B",
    "0, 0 B"
  })
  void bytesUseTheUnitFamilyThatDividesThem(long bytes, String expected) {
    assertEquals(expected, ReportFormat.bytes(bytes));
  }

  @ParameterizedTest(name = "{0} s = {1}")
  @CsvSource({"2.5, 2.5 s", "0.00623, 6.23 ms", "1.5e-6, 1.5 us", "5e-10, 500 ps", "0, 0 s"})
  void secondsPickTheLargestUnitAtOrAboveOne(double seconds, String expected) {
    assertEquals(expected, ReportFormat.seconds(seconds));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "343.80219, 343.8",
    "0.625, 0.625",
    "1.2e15, 1200000000000000",
    "100, 100",
    "-0.5, -0.5",
    "0.00001234, 0.00001234"
  })
  void numbersHaveFourSignificantDigitsAndAPoint(double value, String expected) {
    assertEquals(expected, ReportFormat.number(value));
  }

  @ParameterizedTest(name = "{0} {1} = {2}")
  @CsvSource({
    "9.894e14, flop/s, 989.4 TFLOP/s",
    "3.35e12, B/s, 3.35 TB/s",
    "8e10, B, 80 GB",
    "700, W, 700 W",
    "2.9013e7, J, 29.01 MJ",
    "1.979e15, op/s, 1.979 POP/s",
    "999.96, W, 1 kW",
    "16.608, s, 16.61 s"
  })
  void quantitiesTakeTheSiPrefixThatKeepsThemBelowAThousand(
      double value, String unit, String expected) {
    // Each printed spelling is one the scenario files accept back (README, quantities).
    assertEquals(expected, ReportFormat.quantity(value, unit));
  }
}
