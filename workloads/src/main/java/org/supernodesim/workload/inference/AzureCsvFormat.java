package org.supernodesim.workload.inference;

import java.io.Reader;
import java.util.List;

/**
 * The Azure LLM inference traces, read by column name: TIMESTAMP, ContextTokens (the prompt) and
 * GeneratedTokens (the output), other columns ignored. 2023 (Azure/AzurePublicDataset, Patel et
 * al., Splitwise, ISCA 2024): {@code 2023-11-16 18:17:03.9799600,4808,10}, no time zone, 100 ns
 * ticks, CRLF, the last row without its line end. 2024 (the week-long traces of DynamoLLM,
 * Stojkovic et al., HPCA 2025): the same three columns, timestamps with a UTC offset such as
 * {@code 2024-05-10 00:00:00.009930+00:00}. Only differences between timestamps matter.
 */
final class AzureCsvFormat implements RowFormat {
  static final String TIMESTAMP = "TIMESTAMP";
  static final String CONTEXT = "ContextTokens";
  static final String GENERATED = "GeneratedTokens";
  static final List<String> COLUMNS = List.of(TIMESTAMP, CONTEXT, GENERATED);

  @Override
  public TraceFormat format() {
    return TraceFormat.AZURE;
  }

  @Override
  public RequestTrace read(String source, Reader in, boolean skipBadRows) {
    return CsvRequests.read(source, in, skipBadRows,
        new CsvRequests.Columns(TIMESTAMP, CONTEXT, GENERATED),
        (arrival, input, output, out) -> new TraceAssembler.Row(
            TraceValues.dateTime(arrival, TIMESTAMP),
            TraceValues.tokens(input, CONTEXT),
            TraceValues.tokens(output, GENERATED)));
  }
}
