package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ServeGen statistics sampled into requests: ServeGen's arrival mechanism, seeded lengths. */
class ServeGenClientTest {
  private static final long SECOND = 1_000_000_000_000L;
  private static final String LANGUAGE = "{\"0\": {\"input_tokens\": \"{10: 0.25, 30: 0.75}\","
      + " \"output_tokens\": \"{7: 1.0}\"}, \"21600\": {\"input_tokens\": \"{}\","
      + " \"output_tokens\": \"{}\"}}";

  private static ServeGenClient client(String windows, String dataset) {
    return ServeGenClient.of(ServeGenClient.windows(new StringReader(windows)),
        new StringReader(dataset));
  }

  @Test
  void aWindowHoldsCeilOfRateTimes600LessOneRequestsInsideIt() {
    // 0.5 req/s over 600 s: 300 gaps scaled to fill the window; the 300th arrival lands on the
    // window's end and is dropped as ServeGen drops it: 299 requests in [600 s, 1200 s).
    ServeGenClient c = client("0,0,0,,0,0\r\n600,0.5,1.0,Gamma,1.0,2.0\r\n", LANGUAGE);

    RequestTrace t = c.sample("chunk-1-trace.csv", 0, 1200 * SECOND, 7);

    assertEquals(299, t.requests().size());
    assertTrue(t.requests().get(0).arrivalPicos() >= 600 * SECOND, "nothing in the idle window");
    assertTrue(t.requests().get(298).arrivalPicos() < 1200 * SECOND);
    assertEquals("chunk-1-trace.csv (servegen, sampled with seed 7)", t.source());
  }

  @Test
  void oneSeedOneTraceAndAWindowIsTheSameWhateverSpanIsAsked() {
    String windows = "0,0.2,1.0,Weibull,0.5,1.0\r\n600,0.3,1.0,Gamma,2.0,1.0\r\n";
    ServeGenClient c = client(windows, LANGUAGE);

    RequestTrace both = c.sample("x", 0, 1200 * SECOND, 11);
    RequestTrace again = c.sample("x", 0, 1200 * SECOND, 11);
    RequestTrace second = c.sample("x", 600 * SECOND, 1200 * SECOND, 11);
    RequestTrace otherSeed = c.sample("x", 0, 1200 * SECOND, 12);

    assertEquals(both.requests().toString(), again.requests().toString(), "deterministic");
    List<Request> tail = both.requests().subList(both.requests().size() - 179, both.requests()
        .size());
    assertEquals(179, second.requests().size(), "ceil(0.3 x 600) - 1");
    for (int i = 0; i < 179; i++) {
      assertEquals(tail.get(i).arrivalPicos(), second.requests().get(i).arrivalPicos(), "at " + i);
      assertEquals(tail.get(i).promptTokens(), second.requests().get(i).promptTokens(), "at " + i);
    }
    assertTrue(otherSeed.requests().get(0).arrivalPicos()
        != both.requests().get(0).arrivalPicos(), "another seed, other arrivals");
  }

  @Test
  void gammaGapsKeepTheirCoefficientOfVariation() {
    // Shape 4: CV 1/sqrt(4) = 0.5; scaling every gap by one factor keeps the CV. 10 req/s over
    // 600 s gives 5,999 gaps: the sample CV is within 0.03 of 0.5 (its standard error ~0.006).
    ServeGenClient c = client("0,10,0.5,Gamma,4.0,0.025\r\n", LANGUAGE);

    List<Request> r = c.sample("x", 0, 600 * SECOND, 3).requests();

    double mean = 0;
    double square = 0;
    for (int i = 1; i < r.size(); i++) {
      double gap = (r.get(i).arrivalPicos() - r.get(i - 1).arrivalPicos()) / 1e12;
      mean += gap;
      square += gap * gap;
    }
    int n = r.size() - 1;
    mean /= n;
    double cv = Math.sqrt(square / n - mean * mean) / mean;
    assertEquals(0.5, cv, 0.03, "gamma(4) gaps: cv 0.5");
    assertEquals(0.1, mean, 0.0001, "600 s over 6,000 gaps");
  }

  @Test
  void lengthsFollowTheWindowsDistributionsAndAnEmptyWindowBorrowsTheLatestBefore() {
    // The window at 21600 s is empty: requests there take the distributions of window 0.
    ServeGenClient c = client("21600,5,1.0,Gamma,1.0,0.2\r\n", LANGUAGE);

    List<Request> r = c.sample("x", 21600 * SECOND, 22200 * SECOND, 5).requests();

    long tens = r.stream().filter(q -> q.promptTokens() == 10).count();
    assertEquals(2999, r.size());
    assertTrue(r.stream().allMatch(q -> q.promptTokens() == 10 || q.promptTokens() == 30));
    assertTrue(r.stream().allMatch(q -> q.outputTokens() == 7));
    // P(10) = 0.25: over 2,999 draws within 0.03 (4 standard errors of 0.0079).
    assertEquals(0.25, tens / (double) r.size(), 0.03, "share of 10-token prompts");
  }

  @Test
  void aMultimodalPromptIsItsTextPlusEachItemsTokens() {
    String dataset = "{\"0\": {\"text_tokens\": \"{10: 1.0}\", \"image_tokens\": \"{100: 1.0}\","
        + " \"audio_tokens\": \"{0: 1.0}\", \"video_tokens\": \"{0: 1.0}\","
        + " \"image_count\": \"{2: 1.0}\", \"audio_count\": \"{0: 1.0}\","
        + " \"video_count\": \"{0: 1.0}\", \"output_tokens\": \"{8: 1.0}\"}}";
    ServeGenClient c = client("0,1,1.0,Gamma,1.0,1.0\r\n", dataset);

    RequestTrace t = c.sample("mm", 0, 600 * SECOND, 1);

    assertEquals(10 + 2 * 100, t.requests().get(0).promptTokens(), "text + 2 images x 100");
    assertEquals("mm (servegen multimodal, sampled with seed 1)", t.source());
  }

  @Test
  void aBadLineOfEitherFileIsLocated() {
    TraceException windows = assertThrows(TraceException.class, () -> ServeGenClient.windows(
        new StringReader("0,1,1,Gamma,1,1\r\n600,1,1,Poisson,1,1\r\n")));
    TraceException gap = assertThrows(TraceException.class, () -> ServeGenClient.windows(
        new StringReader("0,1,1,Gamma,1,1\r\n1800,1,1,Gamma,1,1\r\n")));
    TraceException dataset = assertThrows(TraceException.class, () -> client(
        "0,1,1,Gamma,1,1\r\n", "{\"0\": {\n\"input_tokens\": \"{10: 1.0}\",\n"
            + "\"output_tokens\": \"{x: 1.0}\"}}"));

    assertEquals("line 2: column \"family\": \"Poisson\" is not an arrival family; valid: Gamma,"
        + " Weibull, or empty for an idle window", windows.getMessage());
    assertEquals(2, gap.line());
    assertEquals(3, dataset.line(), dataset.getMessage());
    assertTrue(dataset.problem().startsWith("0.output_tokens: not a {value: probability} dict"),
        dataset.getMessage());
  }
}
