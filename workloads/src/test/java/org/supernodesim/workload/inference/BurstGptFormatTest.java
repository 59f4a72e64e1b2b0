package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BurstGPT rows by column name; failed requests (0 response tokens) left out and counted. */
class BurstGptFormatTest {
  private static final String HEADER =
      "Timestamp,Model,Request tokens,Response tokens,Total tokens,Log Type\n";

  private static RequestTrace read(String text, boolean skip) {
    return RowFormat.of(TraceFormat.BURSTGPT, Optional.empty())
        .read("burst.csv", new StringReader(text), skip);
  }

  @Test
  void rowsBecomeRequestsInSecondsFromTheFirstAndFailuresAreCounted() {
    String text = HEADER
        + "5,ChatGPT,472,18,490,Conversation log\n"
        + "7.25,GPT-4,1020,0,1020,API log\n" // failed: no response
        + "12.5,GPT-4,33,201,234,API log\n";

    RequestTrace t = read(text, false);

    assertEquals(2, t.requests().size(), "the failed request is left out");
    assertEquals(0, t.requests().get(0).arrivalPicos(), "the first arrival is time 0");
    assertEquals(7_500_000_000_000L, t.requests().get(1).arrivalPicos(), "12.5 - 5 s, exact");
    assertEquals(472, t.requests().get(0).promptTokens());
    assertEquals(201, t.requests().get(1).outputTokens());
    assertEquals(0, t.skippedRows(), "a failed request is not a bad row");
    assertEquals("burst.csv (1 failed requests (0 response tokens) left out)", t.source());
  }

  @Test
  void newerFilesWithMoreColumnsReadTheSame() {
    // BurstGPT's later files add a session id and an elapsed time after Timestamp.
    String text = "Timestamp,Session ID,Elapsed time,Model,Request tokens,Response tokens,"
        + "Total tokens,Log Type\n"
        + "0,s1,3.2,ChatGPT,10,20,30,Conversation log\n"
        + "2,s1,1.0,ChatGPT,40,50,90,Conversation log\n";

    RequestTrace t = read(text, false);

    assertEquals(2_000_000_000_000L, t.requests().get(1).arrivalPicos());
    assertEquals(40, t.requests().get(1).promptTokens());
  }

  @Test
  void aBadRowNamesItsLineAndColumnOrIsSkippedAndCounted() {
    String text = HEADER
        + "5,ChatGPT,472,18,490,Conversation log\n"
        + "6,ChatGPT,472,many,490,Conversation log\n"
        + "7,ChatGPT,472,18,490,Conversation log\n";

    TraceException e = assertThrows(TraceException.class, () -> read(text, false));
    RequestTrace skipped = read(text, true);

    assertEquals(3, e.line(), "the header is line 1");
    assertEquals("Response tokens", e.column().orElseThrow());
    assertEquals("line 3: column \"Response tokens\": \"many\" is not a number", e.getMessage());
    assertEquals(1, skipped.skippedRows());
    assertEquals(2, skipped.requests().size());
  }
}
