package org.supernodesim.workload.inference;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which columns of a CSV trace hold a request's arrival, prompt length and output length, for a
 * file none of the named formats fits (a Vidur trace: {@code arrived_at} in seconds, {@code
 * num_prefill_tokens}, {@code num_decode_tokens}).
 *
 * @param arrival the arrival time's column
 * @param arrivalUnit how that column is written
 * @param input the prompt length's column (tokens)
 * @param output the output length's column (tokens)
 */
public record TraceColumns(String arrival, ArrivalUnit arrivalUnit, String input, String output) {

  /** How an arrival column is written: a number of some unit, or a date and time. */
  public enum ArrivalUnit {
    SECONDS("s", 1_000_000_000_000L),
    MILLISECONDS("ms", 1_000_000_000L),
    MICROSECONDS("us", 1_000_000L),
    NANOSECONDS("ns", 1_000L),
    /** {@code 2023-11-16 18:17:03.97996} or ISO 8601 with an offset; without one, UTC. */
    DATE_TIME("datetime", 0);

    private final String label;
    private final long picosPerUnit;

    ArrivalUnit(String label, long picosPerUnit) {
      this.label = label;
      this.picosPerUnit = picosPerUnit;
    }

    /** The name in files: s, ms, us, ns or datetime. */
    @JsonValue
    public String label() {
      return label;
    }

    long picosPerUnit() {
      return picosPerUnit;
    }
  }

  public TraceColumns {
    for (String name : new String[] {arrival, input, output}) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("a trace column needs a name");
      }
    }
    if (arrivalUnit == null) {
      throw new IllegalArgumentException("the arrival column needs its unit");
    }
  }
}
