package org.supernodesim.scenario.run;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.supernodesim.model.collective.CollectiveKind;
import org.supernodesim.results.CollectiveBenchmarkResult.PublishedCurve;
import org.supernodesim.results.CollectiveBenchmarkResult.PublishedPoint;
import org.supernodesim.results.CollectiveResult;

/**
 * The published nccl-tests measurements a collectives run is drawn beside: the rows of {@code
 * validation/nccl-tests.csv} (copied into the jar; every row with its source) measured on the
 * hardware of the scenario's system preset, for a collective and group size the run has. One curve
 * per system, collective, GPU count and set of conditions (the notes: NCCL version, NVLS on or
 * off), its points by size.
 *
 * <p>Which published systems are a preset's hardware: {@code hgx-h100-8} is the table's 8-GPU H100
 * node (Azure ND H100 v5) and CoreWeave's 8 nodes of them on InfiniBand ({@code h100-ib-8nodes});
 * Google's A3 Mega nodes are left out, as their scale-out is Ethernet (TCPXO), not the preset's
 * InfiniBand. {@code hgx-h200-8} and {@code hgx-a100-8} are their own rows, and {@code gb200-nvl72}
 * is one rack and CoreWeave's and OCI's multi-rack runs over InfiniBand.
 */
final class PublishedBusBandwidth {
  private static final String TABLE = "/org/supernodesim/scenario/validation/nccl-tests.csv";

  private static final Map<String, List<String>> SYSTEMS =
      Map.of(
          "hgx-h100-8", List.of("hgx-h100-8", "h100-ib-8nodes"),
          "hgx-h200-8", List.of("hgx-h200-8"),
          "hgx-a100-8", List.of("hgx-a100-8"),
          "gb200-nvl72", List.of("gb200-nvl72", "gb200-nvl72-multirack"));

  /** nccl-tests' collective names, as results name them. */
  private static final Map<String, CollectiveKind> KINDS =
      Map.of(
          "all_reduce", CollectiveKind.ALL_REDUCE,
          "all_gather", CollectiveKind.ALL_GATHER,
          "reduce_scatter", CollectiveKind.REDUCE_SCATTER,
          "alltoall", CollectiveKind.ALL_TO_ALL);

  /** One row of the table. */
  record Row(
      String system,
      String collective,
      long bytes,
      double busBytesPerSecond,
      int gpus,
      String notes,
      String source) {}

  private static volatile List<Row> rows;

  private PublishedBusBandwidth() {}

  /**
   * The curves of {@code system}'s hardware for the (kind, group size) pairs of {@code
   * collectives}; empty without a system or a published row.
   */
  static List<PublishedCurve> matching(
      Optional<String> system, List<CollectiveResult> collectives) {
    List<String> published = system.map(s -> SYSTEMS.getOrDefault(s, List.of())).orElse(List.of());
    if (published.isEmpty()) {
      return List.of();
    }
    Map<String, List<Row>> curves = new LinkedHashMap<>();
    for (Row r : rows()) {
      CollectiveKind kind = KINDS.get(r.collective());
      boolean ran =
          kind != null
              && collectives.stream()
                  .anyMatch(c -> c.kind().equals(kind.label()) && c.groupSize() == r.gpus());
      if (published.contains(r.system()) && ran) {
        curves
            .computeIfAbsent(
                r.system() + "|" + r.collective() + "|" + r.gpus() + "|" + r.notes(),
                k -> new ArrayList<>())
            .add(r);
      }
    }
    List<PublishedCurve> out = new ArrayList<>();
    for (List<Row> curve : curves.values()) {
      Row first = curve.get(0);
      Map<Long, PublishedPoint> bySize = new LinkedHashMap<>(); // a repeated size keeps its first
      curve.forEach(
          r -> bySize.putIfAbsent(r.bytes(), new PublishedPoint(r.bytes(), r.busBytesPerSecond())));
      List<PublishedPoint> points = new ArrayList<>(bySize.values());
      points.sort(Comparator.comparingLong(PublishedPoint::bytes));
      out.add(
          new PublishedCurve(
              first.system(),
              KINDS.get(first.collective()).label(),
              first.gpus(),
              first.source(),
              first.notes(),
              points));
    }
    return out;
  }

  /** The table's rows, read once. */
  static List<Row> rows() {
    List<Row> read = rows;
    if (read == null) {
      read = read();
      rows = read;
    }
    return read;
  }

  private static List<Row> read() {
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    InputStream table = PublishedBusBandwidth.class.getResourceAsStream(TABLE);
    if (table == null) {
      throw new IllegalStateException("the nccl-tests table is missing from the jar: " + TABLE);
    }
    try (InputStream in = table;
        MappingIterator<Map<String, String>> it =
            new CsvMapper().readerFor(Map.class).with(schema).readValues(in)) {
      List<Row> out = new ArrayList<>();
      while (it.hasNext()) {
        Map<String, String> r = it.next();
        out.add(
            new Row(
                r.get("system"),
                r.get("collective"),
                Long.parseLong(r.get("bytes")),
                Double.parseDouble(r.get("busbw_GBps")) * 1e9,
                Integer.parseInt(r.get("gpus")),
                r.get("notes"),
                r.get("source")));
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the nccl-tests table " + TABLE, e);
    }
  }
}
