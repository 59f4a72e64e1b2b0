package org.supernodesim.scenario.file;

import com.fasterxml.jackson.annotation.JsonValue;
import org.supernodesim.workload.trace.chakra.ChakraReader;
import org.supernodesim.workload.trace.text.TextDialect;

/**
 * A trace format a scenario replays ({@code workload.trace.format}), with the time unit its files
 * count in unless the scenario says otherwise ({@code timeUnit}).
 */
public enum ReplayFormat {
  /**
   * MLCommons Chakra execution traces, {@code <prefix>.<rank>.et}; {@code duration_micros} in
   * microseconds, as the field's name says and ASTRA-sim 2.0 reads it.
   */
  CHAKRA("chakra", ChakraReader.Options.MICROSECOND_PICOS),
  /** ASTRA-sim 1.0 text workloads; times in ticks of 1 ns (ASTRA-sim's clock period). */
  ASTRA_TEXT("astra-text", TextDialect.TICK_PICOS),
  /** SimAI/AICB text workloads; times in ticks of 1 ns (SimAI's). */
  SIMAI_TEXT("simai-text", TextDialect.TICK_PICOS);

  private final String label;
  private final long defaultUnitPicos;

  ReplayFormat(String label, long defaultUnitPicos) {
    this.label = label;
    this.defaultUnitPicos = defaultUnitPicos;
  }

  /** The name in files. */
  @JsonValue
  public String label() {
    return label;
  }

  /** One time unit of this format's files, in picoseconds, unless a scenario overrides it. */
  public long defaultUnitPicos() {
    return defaultUnitPicos;
  }

  /** The text dialect of a text format. */
  TextDialect dialect() {
    return this == SIMAI_TEXT ? TextDialect.SIMAI : TextDialect.ASTRA_SIM;
  }
}
