package org.supernodesim.workload.inference;

import java.util.List;
import java.util.Optional;

/**
 * The request-trace formats a scenario names ({@code workload.serving.requests.format}), each
 * read by its own class. A format can also be told from the file's first line ({@link #detect})
 * when only one fits.
 */
public enum TraceFormat {
  /**
   * Azure LLM inference traces 2023 and 2024 ({@link AzureCsvFormat}): columns TIMESTAMP,
   * ContextTokens, GeneratedTokens.
   */
  AZURE("azure", "azure-csv"),
  /** BurstGPT ({@link BurstGptFormat}): Timestamp, Request tokens, Response tokens, ... */
  BURSTGPT("burstgpt"),
  /** Mooncake JSON Lines with prefix-block hashes ({@link MooncakeJsonlFormat}). */
  MOONCAKE("mooncake", "mooncake-jsonl"),
  /** ServeGen per-client statistics, sampled with the seed ({@link ServeGenClient}). */
  SERVEGEN("servegen"),
  /** Any other CSV, its columns named by a {@link TraceColumns} mapping ({@link ColumnsFormat}). */
  CSV("csv");

  private final String label;
  private final List<String> formerLabels;

  TraceFormat(String label, String... formerLabels) {
    this.label = label;
    this.formerLabels = List.of(formerLabels);
  }

  /** The name a scenario uses. */
  public String label() {
    return label;
  }

  /**
   * The format named {@code label} (or by a name of an earlier release: azure-csv,
   * mooncake-jsonl).
   *
   * @throws IllegalArgumentException naming the valid labels
   */
  public static TraceFormat named(String label) {
    for (TraceFormat f : values()) {
      if (f.label.equals(label) || f.formerLabels.contains(label)) {
        return f;
      }
    }
    throw new IllegalArgumentException("\"" + label + "\" is not a trace format; valid: "
        + validLabels());
  }

  /** "azure | burstgpt | mooncake | servegen | csv", for messages. */
  public static String validLabels() {
    StringBuilder b = new StringBuilder();
    for (TraceFormat f : values()) {
      b.append(b.length() == 0 ? "" : " | ").append(f.label);
    }
    return b.toString();
  }

  /**
   * The format whose header (or first row) {@code firstLine} is, when exactly one fits: a JSON
   * object is Mooncake; a CSV header naming TIMESTAMP, ContextTokens and GeneratedTokens is
   * Azure, one naming Timestamp, Request tokens and Response tokens is BurstGPT; six cells with an
   * arrival family (Gamma, Weibull or empty) fourth is a ServeGen window line. Anything else needs
   * the format named (and for a CSV of other columns, a {@link TraceColumns} mapping).
   */
  public static Optional<TraceFormat> detect(String firstLine) {
    String line = CsvTable.withoutByteOrderMark(firstLine).strip();
    if (line.startsWith("{")) {
      return Optional.of(MOONCAKE);
    }
    List<String> cells = CsvTable.splitHeader(line);
    boolean azure = AzureCsvFormat.COLUMNS.stream().allMatch(c -> CsvTable.has(cells, c));
    boolean burst = BurstGptFormat.COLUMNS.stream().allMatch(c -> CsvTable.has(cells, c));
    if (azure != burst) {
      return Optional.of(azure ? AZURE : BURSTGPT);
    }
    if (!azure && ServeGenWindows.looksLikeAWindow(cells)) {
      return Optional.of(SERVEGEN);
    }
    return Optional.empty();
  }
}
