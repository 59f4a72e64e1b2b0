package org.supernodesim.scenario.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A published table of training throughput beside its scenarios: {@code megatron-lm-table1.csv}
 * with one scenario {@code <row>.yaml} per row, in the same folder.
 */
public final class PublishedTable {
  /** The file name of the table in its folder. */
  public static final String FILE = "megatron-lm-table1.csv";

  /** One row: its label, the scenario that simulates it, and the published TFLOP/s per GPU. */
  public record Row(String id, Path scenario, int gpus, int tp, int pp, double tflopsPerGpu) {}

  private PublishedTable() {}

  /** The rows of {@code folder/megatron-lm-table1.csv}, in the table's order. */
  public static List<Row> read(Path folder) {
    List<String> lines;
    try {
      lines = Files.readAllLines(folder.resolve(FILE), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + folder.resolve(FILE), e);
    }
    List<String> header = List.of(lines.get(0).split(","));
    List<Row> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",");
      String id = cells[header.indexOf("row")];
      rows.add(new Row(id, folder.resolve(id + ".yaml"),
          Integer.parseInt(cells[header.indexOf("gpus")]),
          Integer.parseInt(cells[header.indexOf("tensor_parallel")]),
          Integer.parseInt(cells[header.indexOf("pipeline_parallel")]),
          Double.parseDouble(cells[header.indexOf("tflops_per_gpu")])));
    }
    return rows;
  }
}
