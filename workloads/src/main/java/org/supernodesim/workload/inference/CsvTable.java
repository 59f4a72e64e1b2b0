package org.supernodesim.workload.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A CSV file read with Jackson's streaming CSV parser (quotes, CRLF and a last line without its
 * end handled there), row by row with each row's line number, its columns found by name in the
 * header. Names match exactly, or else ignoring case and surrounding spaces, so {@code timestamp}
 * finds {@code TIMESTAMP}; other columns and their order do not matter.
 */
final class CsvTable {
  private static final CsvMapper MAPPER = new CsvMapper();

  private CsvTable() {}

  /** What to do with each data row: its line (from 1) and its cells. */
  interface RowHandler {
    void row(int line, List<String> cells);
  }

  /** The header's column names, by position. */
  static final class Header {
    private final List<String> names;

    Header(List<String> names) {
      this.names = List.copyOf(names);
    }

    /** The position of column {@code name}, or a {@link TraceException} on line 1. */
    int require(String name) {
      int at = indexOf(names, name);
      if (at < 0) {
        throw new TraceException(1, name, "no such column; the header has " + names.size()
            + " columns: " + String.join(", ", names));
      }
      return at;
    }

    List<String> names() {
      return names;
    }
  }

  /**
   * Reads the header of {@code in}, asks {@code bind} for a handler of its rows, and passes it
   * every row that is not empty.
   *
   * @throws TraceException for a file without a header or a CSV syntax error, at its line
   */
  static void read(Reader in, Function<Header, RowHandler> bind) {
    RowHandler[] rows = new RowHandler[1];
    readRows(in, (line, cells) -> {
      if (rows[0] == null) {
        rows[0] = bind.apply(new Header(trimmed(cells)));
      } else {
        rows[0].row(line, cells);
      }
    });
    if (rows[0] == null) {
      throw new TraceException(1, "the file is empty; a CSV trace starts with a header line");
    }
  }

  /**
   * Passes every row of a CSV without a header that is not empty to {@code rows}.
   *
   * @throws TraceException for a CSV syntax error, at its line
   */
  static void readRows(Reader in, RowHandler rows) {
    try (CsvParser parser = (CsvParser) MAPPER.getFactory().createParser(in)) {
      parser.setSchema(CsvSchema.emptySchema());
      parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
      List<String> cells = new ArrayList<>();
      int line = 0;
      for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
        if (t == JsonToken.START_ARRAY) {
          cells.clear();
          line = 0;
        } else if (t == JsonToken.VALUE_STRING) {
          line = line == 0 ? parser.currentTokenLocation().getLineNr() : line;
          cells.add(cells.isEmpty() ? withoutByteOrderMark(parser.getText()) : parser.getText());
        } else if (t == JsonToken.END_ARRAY && !blank(cells)) {
          rows.row(line, List.copyOf(cells));
        }
      }
    } catch (JsonProcessingException e) {
      throw new TraceException(Math.max(1, e.getLocation() == null ? 1
          : e.getLocation().getLineNr()), "not CSV: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cell of column {@code name} at {@code index}, or a {@link TraceException} if absent. */
  static String cell(List<String> cells, int index, String name) {
    if (index >= cells.size()) {
      throw new TraceException(0, name, "missing: the row has " + cells.size() + " cells");
    }
    return cells.get(index).strip();
  }

  /** The cells of one CSV line (for telling a format from its header). */
  static List<String> splitHeader(String line) {
    List<List<String>> rows = new ArrayList<>();
    try {
      read(new StringReader(line + "\n"), header -> {
        rows.add(header.names());
        return (l, c) -> {};
      });
    } catch (TraceException e) {
      return List.of();
    }
    return rows.isEmpty() ? List.of() : rows.get(0);
  }

  /** True if one of {@code names} is {@code name}, as {@link Header#require} matches. */
  static boolean has(List<String> names, String name) {
    return indexOf(names, name) >= 0;
  }

  static String withoutByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static int indexOf(List<String> names, String name) {
    int exact = names.indexOf(name);
    if (exact >= 0) {
      return exact;
    }
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).strip().toLowerCase(Locale.ROOT).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> trimmed(List<String> cells) {
    List<String> out = new ArrayList<>(cells.size());
    cells.forEach(c -> out.add(c.strip()));
    return out;
  }

  private static boolean blank(List<String> cells) {
    return cells.stream().allMatch(String::isBlank);
  }
}
