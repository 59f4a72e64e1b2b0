package org.supernodesim.workload.inference;

import java.io.Reader;

/**
 * A CSV trace of one request per row whose columns, found by name, give its arrival, prompt
 * length and output length: what Azure, BurstGPT and a columns mapping share. The format says how
 * the three cells become a row.
 */
final class CsvRequests {
  private CsvRequests() {}

  /** The names of the three columns read. */
  record Columns(String arrival, String input, String output) {}

  /** How a format reads one row's three cells (any other column is ignored). */
  @FunctionalInterface
  interface RowReader {
    /**
     * The row of these cells, or null for a row left out on purpose (noted in {@code out}).
     *
     * @throws TraceException naming the column whose cell is bad
     */
    TraceAssembler.Row read(String arrival, String input, String output, TraceAssembler out);
  }

  /** Reads every row of {@code in}; see {@link RowFormat#read}. */
  static RequestTrace read(
      String source, Reader in, boolean skipBadRows, Columns columns, RowReader rows) {
    TraceAssembler out = new TraceAssembler(skipBadRows);
    CsvTable.read(in, header -> {
      int arrival = header.require(columns.arrival());
      int input = header.require(columns.input());
      int output = header.require(columns.output());
      return (line, cells) -> out.row(line, () -> rows.read(
          CsvTable.cell(cells, arrival, columns.arrival()),
          CsvTable.cell(cells, input, columns.input()),
          CsvTable.cell(cells, output, columns.output()), out));
    });
    return out.finish(source, 0);
  }
}
