package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceFormatTest {
  private static final String AZURE =
      "TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
          + "2023-11-16 18:17:03.9799600,4808,10\r\n"
          + "2023-11-16 18:17:04.0310649,3180,8\r\n"
          + "2023-11-16 18:17:05,110,27\r\n"
          + "2023-11-16 18:17:05.5,7,1"; // the last row has no line end, as in the published files

  private static RequestTrace read(String format, String text, boolean skip) {
    return TraceFormat.byLabel(format)
        .read("test", new BufferedReader(new StringReader(text)), skip);
  }

  @Test
  void azureRowsBecomeRequestsFromTimeZeroIn100NanosecondTicks() {
    RequestTrace t = read("azure-csv", AZURE, false);

    assertEquals(4, t.requests().size());
    assertEquals(0, t.requests().get(0).arrivalPicos(), "the first arrival is time zero");
    // 04.0310649 - 03.9799600 = 0.0511049 s = 511,049 ticks of 100 ns = 5.11049e10 ps.
    assertEquals(51_104_900_000L, t.requests().get(1).arrivalPicos(), "exact to the 100 ns tick");
    // No fraction and one fractional digit are accepted: 05 - 03.97996 = 1.02004 s.
    assertEquals(1_020_040_000_000L, t.requests().get(2).arrivalPicos());
    assertEquals(1_520_040_000_000L, t.requests().get(3).arrivalPicos());
    assertEquals(4808, t.requests().get(0).promptTokens());
    assertEquals(10, t.requests().get(0).outputTokens());
    assertEquals(0, t.prefixBlockTokens(), "the Azure trace has no prefix hashes");
  }

  @Test
  void anyDateGivesExactDifferencesAndASpanBeyondALongIsRefused() {
    // 2100-01-01 is 4.1e9 s after 1970: 4.1e21 ps would overflow a long, the difference does not.
    String late = "TIMESTAMP,ContextTokens,GeneratedTokens\n2100-01-01 00:00:00,5,5\n"
        + "2100-01-01 00:00:01.5,5,5\n";
    String long_ = "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-01-01 00:00:00,5,5\n"
        + "2023-06-01 00:00:00,5,5\n";

    assertEquals(1_500_000_000_000L, read("azure-csv", late, false).requests().get(1)
        .arrivalPicos());
    TraceException e = assertThrows(TraceException.class, () -> read("azure-csv", long_, false));
    assertEquals(3, e.line(), "151 days after the first row: more than 2^63 ps");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "not a number | 2023-11-16 18:15:46.6805900,not-a-number,12 | "
            + "line 3: ContextTokens \"not-a-number\" is not a whole number",
        "zero tokens | 2023-11-16 18:17:04.5,0,12 | "
            + "line 3: ContextTokens is 0; a request needs at least 1 token",
        "columns | 2023-11-16 18:17:04.5,12 | line 3: 2 columns; expected 3",
        "bad time | 2023-11-16T18:17:04,12,12 | line 3: TIMESTAMP \"2023-11-16T18:17:04\" is not",
        "earlier | 2023-11-16 18:17:03.5,12,12 | line 3: arrives before the row above it",
      })
  void aBadAzureRowIsRefusedWithItsLineNumber(String what, String row, String message) {
    String text = "TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
        + "2023-11-16 18:17:03.9799600,4808,10\r\n" + row + "\r\n"
        + "2023-11-16 18:17:06,110,27\r\n";

    TraceException e = assertThrows(TraceException.class, () -> read("azure-csv", text, false));

    assertEquals(3, e.line(), what);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void skippingBadRowsCountsThemAndKeepsTheRest() {
    String text = AZURE.replace("3180,8", "x,8").replace("110,27", "110");

    RequestTrace t = read("azure-csv", text, true);

    assertEquals(2, t.skippedRows());
    assertEquals(2, t.requests().size());
    assertEquals(1, t.requests().get(1).id(), "ids are positions among the kept rows");
  }

  @Test
  void aWrongHeaderIsLineOne() {
    TraceException e = assertThrows(TraceException.class,
        () -> read("azure-csv", "time,prompt,output\n2023-11-16 18:17:03,1,1\n", false));
    assertEquals(1, e.line());
  }

  @Test
  void mooncakeRowsCarryTheirPrefixHashesAndMillisecondTimes() {
    String text = "{\"timestamp\": 0, \"input_length\": 1030, \"output_length\": 5, "
        + "\"hash_ids\": [0, 1, 2]}\n"
        + "{\"timestamp\": 2999, \"input_length\": 600, \"output_length\": 1, "
        + "\"hash_ids\": [0, 3]}\n";

    RequestTrace t = read("mooncake-jsonl", text, false);

    assertEquals(512, t.prefixBlockTokens());
    assertArrayEquals(new int[] {0, 1, 2}, t.requests().get(0).prefixBlocks());
    assertEquals(2_999_000_000_000L, t.requests().get(1).arrivalPicos(), "2,999 ms in ps");
    assertEquals(1, t.requests().get(1).outputTokens());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "truncated | {\"timestamp\": 5, \"input_length\": 600 | line 2: column 37: expected '}'",
        "unknown key | {\"timestamp\": 5, \"input\": 600} | line 2: unknown key \"input\"",
        "missing key | {\"timestamp\": 5, \"input_length\": 6, \"output_length\": 1} | "
            + "line 2: key \"hash_ids\" is missing",
        "too many hashes | {\"timestamp\": 5, \"input_length\": 6, \"output_length\": 1, "
            + "\"hash_ids\": [1, 2]} | line 2: 2 hash_ids for 6 tokens; at most 1",
      })
  void aBadMooncakeRowIsRefusedWithItsLineNumber(String what, String row, String message) {
    String text = "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 5, "
        + "\"hash_ids\": [0]}\n"
        + row + "\n";

    TraceException e = assertThrows(TraceException.class,
        () -> read("mooncake-jsonl", text, false));

    assertEquals(2, e.line(), what);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @Test
  void scalingReplaysFasterAndWindowsCut() {
    RequestTrace t = read("azure-csv", AZURE, false);

    RequestTrace twice = t.scaled(2, Long.MAX_VALUE);
    RequestTrace firstSecond = t.scaled(1, 1_000_000_000_000L);

    assertEquals(t.requests().get(3).arrivalPicos() / 2, twice.requests().get(3).arrivalPicos(),
        "twice the rate halves every arrival time");
    assertEquals(2, firstSecond.requests().size(), "arrivals at 0 and 0.051 s are before 1 s");
  }
}
