package org.supernodesim.workload.inference;

import java.io.Reader;
import java.util.List;

/**
 * BurstGPT (HPMLL/BurstGPT; Wang et al., arXiv:2401.17644): ChatGPT and GPT-4 traffic through
 * Azure OpenAI, header {@code Timestamp,Model,Request tokens,Response tokens,Total tokens,Log
 * Type}; Timestamp is seconds from 0:00 of the first day. Read by column name, so the newer files'
 * extra columns (a session id, an elapsed time) are ignored, as are Model and Log Type: every row
 * is a request to the scenario's one model.
 *
 * <p>Failed requests: the files without {@code without_fails} in their name keep requests that
 * failed, with Response tokens 0. Such a request produced nothing to simulate (the trace does not
 * say whether it was refused before or after its prefill), so it is left out and counted in the
 * trace's description, not refused as a bad row.
 */
final class BurstGptFormat implements RowFormat {
  static final String TIMESTAMP = "Timestamp";
  static final String REQUEST = "Request tokens";
  static final String RESPONSE = "Response tokens";
  static final List<String> COLUMNS = List.of(TIMESTAMP, REQUEST, RESPONSE);
  static final String FAILED = "%,d failed requests (0 response tokens) left out";

  @Override
  public TraceFormat format() {
    return TraceFormat.BURSTGPT;
  }

  @Override
  public RequestTrace read(String source, Reader in, boolean skipBadRows) {
    return CsvRequests.read(source, in, skipBadRows,
        new CsvRequests.Columns(TIMESTAMP, REQUEST, RESPONSE),
        (arrival, input, output, out) -> {
          TraceValues.Arrival at = TraceValues.arrival(arrival, TIMESTAMP, 1_000_000_000_000L);
          int prompt = TraceValues.tokens(input, REQUEST);
          int generated = TraceValues.wholeNumber(output, RESPONSE);
          if (generated == 0) {
            out.note(FAILED);
            return null;
          }
          return new TraceAssembler.Row(at, prompt, generated);
        });
  }
}
