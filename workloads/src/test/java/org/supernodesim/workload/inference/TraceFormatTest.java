package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Optional;
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

  /** The format a scenario's label binds to, as the scenario loader binds it. */
  private static TraceFormat named(String label) {
    return new ObjectMapper().convertValue(label, TraceFormat.class);
  }

  private static RequestTrace read(String format, String text, boolean skip) {
    return RowFormat.of(named(format), Optional.empty())
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
            + "line 3: column \"ContextTokens\": \"not-a-number\" is not a number",
        "zero tokens | 2023-11-16 18:17:04.5,0,12 | "
            + "line 3: column \"ContextTokens\": 0 tokens; a request needs at least 1",
        "columns | 2023-11-16 18:17:04.5,12 | "
            + "line 3: column \"GeneratedTokens\": missing: the row has 2 cells",
        "bad time | 2023-11-16X18:17:04,12,12 | "
            + "line 3: column \"TIMESTAMP\": \"2023-11-16X18:17:04\" is not a date and time",
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
  void aHeaderWithoutANeededColumnIsLineOneNamingIt() {
    TraceException e = assertThrows(TraceException.class,
        () -> read("azure", "time,prompt,output\n2023-11-16 18:17:03,1,1\n", false));
    assertEquals(1, e.line());
    assertEquals("TIMESTAMP", e.column().orElseThrow());
    assertTrue(e.problem().endsWith("the header has 3 columns: time, prompt, output"),
        e.getMessage());
  }

  @Test
  void azureColumnsAreFoundByNameInAnyOrderAmongOthers() {
    // The 2024 layout: a UTC offset and 6 fractional digits; here reordered, with an extra
    // column and a header in lower case.
    String text = "generatedtokens,Region,contexttokens,timestamp\n"
        + "5,west,100,2024-05-10 00:00:00.009930+00:00\n"
        + "7,west,200,2024-05-10 01:00:00.5+01:00\n"
        + "9,east,300,2024-05-10T00:00:02Z\n";

    RequestTrace t = read("azure", text, false);

    assertEquals(3, t.requests().size());
    assertEquals(100, t.requests().get(0).promptTokens());
    assertEquals(5, t.requests().get(0).outputTokens());
    // 01:00:00.5+01:00 is 00:00:00.5 UTC: 0.5 - 0.00993 s = 490,070,000,000 ps after the first.
    assertEquals(490_070_000_000L, t.requests().get(1).arrivalPicos(), "offsets are applied");
    assertEquals(1_990_070_000_000L, t.requests().get(2).arrivalPicos(), "Z is UTC");
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
        "truncated | {\"timestamp\": 5, \"input_length\": 600 | line 2: not a JSON object",
        "missing key | {\"timestamp\": 5, \"input\": 600} | "
            + "line 2: column \"input_length\": missing",
        "twice | {\"timestamp\": 5, \"timestamp\": 6, \"input_length\": 6, "
            + "\"output_length\": 1} | line 2: not a JSON object: Duplicate field 'timestamp'",
        "trailing | {\"timestamp\": 5, \"input_length\": 6, \"output_length\": 1} x | "
            + "line 2: not a JSON object",
        "text | {\"timestamp\": \"5\", \"input_length\": 6, \"output_length\": 1} | "
            + "line 2: column \"timestamp\": \"5\" is not a number",
        "too many hashes | {\"timestamp\": 5, \"input_length\": 6, \"output_length\": 1, "
            + "\"hash_ids\": [1, 2]} | "
            + "line 2: column \"hash_ids\": 2 hashes for 6 tokens; at most 1",
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
  void mooncakeKeysItDoesNotUseAreIgnoredAndCountedAndHashesMayBeAbsent() {
    String text = "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 5, "
        + "\"session_id\": 7, \"hash_ids\": [0]}\n"
        + "{\"timestamp\": 1.5, \"input_length\": 10, \"output_length\": 5, \"session_id\": 7,"
        + " \"turn\": 2}\n";

    RequestTrace t = read("mooncake", text, false);

    assertEquals(2, t.requests().size());
    assertEquals(1_500_000_000L, t.requests().get(1).arrivalPicos(), "1.5 ms, exact");
    assertEquals(0, t.requests().get(1).prefixBlocks().length, "no hash_ids: no prefix");
    assertEquals("test (key \"session_id\" ignored in 2 rows; key \"turn\" ignored in 1 rows)",
        t.source(), "ignored keys are counted in the description, in key order");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "azure 2023 | TIMESTAMP,ContextTokens,GeneratedTokens | azure",
        "azure, BOM and spaces | \uFEFFTIMESTAMP, ContextTokens ,GeneratedTokens | azure",
        "burstgpt | Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type"
            + " | burstgpt",
        "mooncake | {\"timestamp\": 0, \"input_length\": 1, \"output_length\": 1} | mooncake",
        "servegen | 600,0.0683,0.727,Gamma,1.89,7.87 | servegen",
        "servegen idle | 0,0,0,,0,0 | servegen",
        "vidur | arrived_at,num_prefill_tokens,num_decode_tokens | none",
        "both headers | TIMESTAMP,ContextTokens,GeneratedTokens,Request tokens,Response tokens"
            + " | none",
      })
  void theFormatIsToldFromTheFirstLineWhenOnlyOneFits(String what, String line, String format) {
    assertEquals(format, TraceFormat.detect(line).map(TraceFormat::label).orElse("none"), what);
  }

  @Test
  void labelsAndFormerLabelsBindToTheirFormats() {
    assertEquals(TraceFormat.AZURE, named("azure"));
    assertEquals(TraceFormat.AZURE, named("azure-csv"));
    assertEquals(TraceFormat.MOONCAKE, named("mooncake-jsonl"));
    for (TraceFormat f : TraceFormat.values()) {
      assertEquals(f, named(f.label()), f.label());
      assertEquals(f.label(), new ObjectMapper().convertValue(f, String.class), "written as read");
    }
    assertThrows(IllegalArgumentException.class, () -> named("vidur"));
  }

  @Test
  void startingLaterDropsTheEarlierRequestsAndShiftsTheRest() {
    RequestTrace t = read("azure-csv", AZURE, false);

    RequestTrace later = t.from(1_000_000_000_000L);

    assertEquals(2, later.requests().size(), "arrivals at 1.02 s and 1.52 s are after 1 s");
    assertEquals(20_040_000_000L, later.requests().get(0).arrivalPicos(), "1.02004 s - 1 s");
    assertEquals(0, later.requests().get(0).id(), "renumbered");
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
