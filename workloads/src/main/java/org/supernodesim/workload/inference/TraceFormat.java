package org.supernodesim.workload.inference;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/**
 * The request-trace formats a scenario names ({@code workload.serving.requests.format}, bound by
 * the label each constant's {@code @JsonProperty} gives; {@code @JsonValue} would drop the former
 * names' {@code @JsonAlias}, jackson-databind issue 6210), each read by its own class. A format can
 * also be told from the file's first line ({@link #detect}) when only one fits.
 */
public enum TraceFormat {
  /**
   * Azure LLM inference traces 2023 and 2024 ({@link AzureCsvFormat}): columns TIMESTAMP,
   * ContextTokens, GeneratedTokens.
   */
  @JsonProperty("azure")
  @JsonAlias("azure-csv") // its name in earlier releases
  AZURE("azure"),
  /** BurstGPT ({@link BurstGptFormat}): Timestamp, Request tokens, Response tokens, ... */
  @JsonProperty("burstgpt")
  BURSTGPT("burstgpt"),
  /** Mooncake JSON Lines with prefix-block hashes ({@link MooncakeJsonlFormat}). */
  @JsonProperty("mooncake")
  @JsonAlias("mooncake-jsonl") // its name in earlier releases
  MOONCAKE("mooncake"),
  /** ServeGen per-client statistics, sampled with the seed ({@link ServeGenClient}). */
  @JsonProperty("servegen")
  SERVEGEN("servegen"),
  /** Any other CSV, its columns named by a {@link TraceColumns} mapping ({@link ColumnsFormat}). */
  @JsonProperty("csv")
  CSV("csv");

  private final String label;

  TraceFormat(String label) {
    this.label = label;
  }

  /** The name a scenario uses (its {@code @JsonProperty}; a test holds the two equal). */
  public String label() {
    return label;
  }

  /**
   * The format whose header (or first row) {@code firstLine} is, when exactly one fits: a JSON
   * object is Mooncake; a CSV header naming TIMESTAMP, ContextTokens and GeneratedTokens is Azure,
   * one naming Timestamp, Request tokens and Response tokens is BurstGPT; six cells with an arrival
   * family (Gamma, Weibull or empty) fourth is a ServeGen window line. Anything else needs the
   * format named (and for a CSV of other columns, a {@link TraceColumns} mapping).
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
