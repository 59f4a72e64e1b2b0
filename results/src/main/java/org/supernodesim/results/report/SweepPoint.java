package org.supernodesim.results.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.supernodesim.results.RunResult;

/**
 * One point of a sweep, as the sweep stores and reports it: {@code points/<id>.json} is this record.
 *
 * @param id the point's stable name within the sweep, e.g. {@code chips-64-1a2b3c4d}
 * @param parameters the values this point set, in the sweep's order (key path to value as text)
 * @param chips the chips the point simulated; 0 if it failed before it knew
 * @param result what the run produced; absent if the point failed
 * @param error why the point failed; absent if it ran
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepPoint(
    String id, Map<String, String> parameters, int chips, RunResult result, String error) {
  public SweepPoint {
    // A LinkedHashMap copy keeps the caller's order, so tables list columns as the sweep did.
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    if ((result == null) == (error == null)) {
      throw new IllegalArgumentException(id + ": a point has either a result or an error");
    }
  }

  /** A point that ran, its chip count taken from its logical processes. */
  public SweepPoint(String id, Map<String, String> parameters, RunResult result) {
    this(id, parameters, result.runtime() == null ? 0 : result.runtime().logicalProcesses(),
        result, null);
  }

  /** True if the point ran to its end. */
  @JsonIgnore
  public boolean ok() {
    return result != null;
  }
}
