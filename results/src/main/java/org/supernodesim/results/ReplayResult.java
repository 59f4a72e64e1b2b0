package org.supernodesim.results;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What a trace replay measured ({@code replay} and {@code network} in result.json): which trace ran
 * and how its ranks' time split, over the chips that ran a rank.
 *
 * @param trace the trace that ran
 * @param seconds when the last rank finished its graph
 * @param meanComputeSeconds compute-stream time per rank, averaged over the ranks
 * @param maxComputeSeconds the busiest rank's compute-stream time
 * @param meanExposedCommunicationSeconds communication not hidden under compute, averaged
 * @param collectives collective instances the ranks ran
 * @param network what the network did: bytes per tier, busiest links, timings per collective
 *     (result.json's top-level {@code network}, as a collectives run has it)
 */
public record ReplayResult(
    Trace trace,
    double seconds,
    double meanComputeSeconds,
    double maxComputeSeconds,
    double meanExposedCommunicationSeconds,
    int collectives,
    @JsonIgnore NetworkResult network)
    implements WorkloadResult {

  /**
   * A replayed trace, as the scenario named it.
   *
   * @param format {@code chakra}, {@code astra-text} or {@code simai-text}
   * @param path the path as the scenario wrote it (a Chakra trace's prefix)
   * @param files the files read, in rank order (one per rank for Chakra, one for a text workload)
   * @param sha256 SHA-256 of the files' bytes, one after the other in rank order (for one file, the
   *     file's own: {@code sha256sum}; for Chakra, {@code cat p.0.et p.1.et ... | sha256sum})
   * @param ranks the trace's ranks
   * @param chips the chip each rank ran on, rank order
   * @param timeUnitPicos one time unit of the files in picoseconds
   * @param notes what the importer did not model or chose to interpret, one line per kind
   */
  public record Trace(
      String format,
      String path,
      List<String> files,
      String sha256,
      int ranks,
      List<Integer> chips,
      long timeUnitPicos,
      List<String> notes) {
    public Trace {
      files = List.copyOf(files);
      chips = List.copyOf(chips);
      notes = notes == null ? List.of() : List.copyOf(notes);
    }
  }

  @Override
  public <T> T match(Cases<T> cases) {
    return cases.replay(this);
  }
}
