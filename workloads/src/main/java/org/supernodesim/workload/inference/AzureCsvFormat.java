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
    TraceAssembler out = new TraceAssembler(skipBadRows);
    CsvTable.read(in, header -> {
      int time = header.require(TIMESTAMP);
      int context = header.require(CONTEXT);
      int generated = header.require(GENERATED);
      return (line, cells) -> out.row(line, () -> new TraceAssembler.Row(
          TraceValues.dateTime(CsvTable.cell(cells, time, TIMESTAMP), TIMESTAMP),
          TraceValues.tokens(CsvTable.cell(cells, context, CONTEXT), CONTEXT),
          TraceValues.tokens(CsvTable.cell(cells, generated, GENERATED), GENERATED)));
    });
    return out.finish(source, 0);
  }
}
