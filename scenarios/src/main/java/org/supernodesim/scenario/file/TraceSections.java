package org.supernodesim.scenario.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.scenario.file.Quantities.TimeSpan;

/** The {@code workload.trace:} section: a trace replayed as it is, one chip per rank. */
final class TraceSections {
  private TraceSections() {}

  /**
   * {@code workload.trace:} which trace, and how to read it.
   *
   * @param format {@code chakra}, {@code astra-text} or {@code simai-text}
   * @param path a Chakra trace's prefix ({@code dir/name} for {@code dir/name.0.et}, ...) or a
   *     text workload's file, relative to the scenario file's folder
   * @param ranks the chip each trace rank runs on, in rank order; default the first chips. A text
   *     workload whose header does not fix its ranks ({@code all_gpus}) has as many ranks as this
   *     list, or as the cluster has chips
   * @param timeUnit one time unit of the files (default: the format's, {@link ReplayFormat})
   * @param localRanks the size of ASTRA-sim's first network dimension, which HYBRID_DATA_MODEL,
   *     HYBRID_MODEL_DATA and HYBRID_CUSTOMIZED text workloads span (e.g. one scale-up domain)
   * @param algorithm the algorithm of collectives the trace does not name one for (default auto)
   * @param passes training passes of a text workload (default 1, its {@code num_passes})
   */
  record TraceSection(
      @JsonProperty(required = true) ReplayFormat format,
      @JsonProperty(required = true) String path,
      List<Integer> ranks,
      TimeSpan timeUnit,
      Integer localRanks,
      AlgorithmChoice algorithm,
      Integer passes)
      implements Sections.WorkloadSection {
    TraceSection {
      if (path.isBlank()) {
        throw new InvalidInput("path", "empty; name the trace's file (or a Chakra trace's prefix)");
      }
      if (ranks != null && ranks.isEmpty()) {
        throw new InvalidInput("ranks", "empty; list the chip of each rank, or leave ranks out");
      }
      if (timeUnit != null && timeUnit.picos() < 1) {
        throw new InvalidInput("timeUnit", timeUnit.text() + "; a time unit must be >= 1 ps");
      }
      if (localRanks != null && localRanks < 1) {
        throw new InvalidInput("localRanks", localRanks + "; give at least 1 chip");
      }
      algorithm = algorithm == null ? AlgorithmChoice.AUTO : algorithm;
      passes = passes == null ? 1 : passes;
      if (passes < 1) {
        throw new InvalidInput("passes", passes + "; passes must be >= 1");
      }
    }

    /** The time unit in picoseconds: the scenario's, else the format's. */
    long timeUnitPicos() {
      return timeUnit == null ? format.defaultUnitPicos() : timeUnit.picos();
    }
  }
}
