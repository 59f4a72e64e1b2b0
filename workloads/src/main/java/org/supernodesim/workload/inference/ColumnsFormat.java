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
    TraceAssembler out = new TraceAssembler(skipBadRows);
    String arrivalName = columns.arrival();
    String inputName = columns.input();
    String outputName = columns.output();
    TraceColumns.ArrivalUnit unit = columns.arrivalUnit();
    CsvTable.read(in, header -> {
      int arrival = header.require(arrivalName);
      int input = header.require(inputName);
      int output = header.require(outputName);
      return (line, cells) -> out.row(line, () -> {
        String at = CsvTable.cell(cells, arrival, arrivalName);
        return new TraceAssembler.Row(
            unit == TraceColumns.ArrivalUnit.DATE_TIME
                ? TraceValues.dateTime(at, arrivalName)
                : TraceValues.arrival(at, arrivalName, unit.picosPerUnit()),
            TraceValues.tokens(CsvTable.cell(cells, input, inputName), inputName),
            TraceValues.tokens(CsvTable.cell(cells, output, outputName), outputName));
      });
    });
    return out.finish(source, 0);
  }
}
