package org.supernodesim.workload.inference;

import java.io.Reader;
import java.util.Optional;

/**
 * A request trace of one request per row: Azure, BurstGPT, Mooncake, or a CSV mapped by {@link
 * TraceColumns}. Reading is the same for each ({@link TraceAssembler}): rows in file order,
 * arrivals that never decrease from the first at time 0, and a bad row refused with its line and
 * column or, when asked, skipped and counted.
 */
public sealed interface RowFormat
    permits AzureCsvFormat, BurstGptFormat, MooncakeJsonlFormat, ColumnsFormat {

  /** The format's name in a scenario and in messages. */
  TraceFormat format();

  /**
   * Reads every row of {@code in}.
   *
   * @param source names the trace in the result (the file name)
   * @param skipBadRows skip and count rows that cannot be read instead of refusing the file
   * @throws TraceException for the first bad row (unless skipped) or a bad header, located
   */
  RequestTrace read(String source, Reader in, boolean skipBadRows);

  /**
   * The reader of {@code format}; {@code columns} maps a {@link TraceFormat#CSV} file and is
   * refused with any other.
   *
   * @throws IllegalArgumentException for ServeGen (sampled, see {@link ServeGenClient}), a CSV
   *     without columns, or columns given to a format whose columns are fixed
   */
  static RowFormat of(TraceFormat format, Optional<TraceColumns> columns) {
    if (columns.isPresent() && format != TraceFormat.CSV) {
      throw new IllegalArgumentException("columns map a format: csv trace; " + format.label()
          + " names its own columns");
    }
    return switch (format) {
      case AZURE -> new AzureCsvFormat();
      case BURSTGPT -> new BurstGptFormat();
      case MOONCAKE -> new MooncakeJsonlFormat();
      case CSV -> new ColumnsFormat(columns.orElseThrow(() -> new IllegalArgumentException(
          "format: csv needs columns: {arrival, arrivalUnit, input, output} naming the CSV's"
              + " columns")));
      case SERVEGEN -> throw new IllegalArgumentException(
          "servegen statistics are sampled, not read row by row");
    };
  }
}
