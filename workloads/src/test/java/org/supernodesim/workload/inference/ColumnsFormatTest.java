package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Any CSV through a columns mapping: arrival in its unit, prompt and output by name. */
class ColumnsFormatTest {
  private static RequestTrace read(TraceColumns columns, String text) {
    return RowFormat.of(TraceFormat.CSV, Optional.of(columns))
        .read("trace.csv", new StringReader(text), false);
  }

  @ParameterizedTest(name = "{0}: 1.5 of them is {1} ps")
  @CsvSource({"s, 1500000000000", "ms, 1500000000", "us, 1500000", "ns, 1500"})
  void theArrivalColumnIsReadInItsUnit(String unit, long picos) {
    TraceColumns vidur = new TraceColumns(
        "arrived_at", new ObjectMapper().convertValue(unit, TraceColumns.ArrivalUnit.class), "num_prefill_tokens",
        "num_decode_tokens");
    String text = "arrived_at,num_prefill_tokens,num_decode_tokens\n0,591,140\n1.5,547,248\n";

    RequestTrace t = read(vidur, text);

    assertEquals(picos, t.requests().get(1).arrivalPicos(), unit);
    assertEquals(547, t.requests().get(1).promptTokens());
    assertEquals(248, t.requests().get(1).outputTokens());
  }

  @Test
  void aDateTimeColumnIsReadAsAzure2024Writes() {
    TraceColumns columns = new TraceColumns(
        "when", TraceColumns.ArrivalUnit.DATE_TIME, "in", "out");

    RequestTrace t = read(columns, "in,out,when\n5,6,2024-05-10 00:00:00+00:00\n"
        + "5,6,2024-05-10 00:00:00.25+00:00\n");

    assertEquals(250_000_000_000L, t.requests().get(1).arrivalPicos());
  }

  @Test
  void aMappedColumnTheHeaderLacksIsNamed() {
    TraceColumns columns = new TraceColumns(
        "arrival", TraceColumns.ArrivalUnit.SECONDS, "prompt", "output");

    TraceException e = assertThrows(TraceException.class,
        () -> read(columns, "arrival,prompt,outputs\n0,1,1\n"));

    assertEquals("line 1: column \"output\": no such column; the header has 3 columns: arrival,"
        + " prompt, outputs", e.getMessage());
  }

  @Test
  void anArrivalBeforeTimeZeroIsABadRow() {
    TraceColumns columns = new TraceColumns(
        "t", TraceColumns.ArrivalUnit.SECONDS, "p", "o");

    TraceException e = assertThrows(TraceException.class,
        () -> read(columns, "t,p,o\n0,1,1\n-1,1,1\n"));

    assertEquals("line 3: column \"t\": \"-1\" is before time 0", e.getMessage());
  }
}
