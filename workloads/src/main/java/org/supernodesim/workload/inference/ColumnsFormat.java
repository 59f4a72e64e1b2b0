package org.supernodesim.workload.inference;

import java.io.Reader;

/**
 * Any CSV trace with a header, its columns named by a {@link TraceColumns} mapping: the arrival
 * (a number in its unit, or a date and time), the prompt and the output lengths. Other columns
 * are ignored.
 */
final class ColumnsFormat implements RowFormat {
  private final TraceColumns columns;

  ColumnsFormat(TraceColumns columns) {
    this.columns = columns;
  }

  @Override
  public TraceFormat format() {
    return TraceFormat.CSV;
  }

  @Override
  public RequestTrace read(String source, Reader in, boolean skipBadRows) {
    TraceColumns c = columns;
    return CsvRequests.read(source, in, skipBadRows,
        new CsvRequests.Columns(c.arrival(), c.input(), c.output()),
        (arrival, input, output, out) -> new TraceAssembler.Row(
            c.arrivalUnit() == TraceColumns.ArrivalUnit.DATE_TIME
                ? TraceValues.dateTime(arrival, c.arrival())
                : TraceValues.arrival(arrival, c.arrival(), c.arrivalUnit().picosPerUnit()),
            TraceValues.tokens(input, c.input()),
            TraceValues.tokens(output, c.output())));
  }
}
