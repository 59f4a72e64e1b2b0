package org.supernodesim.results.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.supernodesim.results.RunResult;

/**
 * One run of a sweep, as the sweep reports list it.
 *
 * @param id the point's name within the sweep, e.g. {@code chips=64}
 * @param parameters the values this point set, in the sweep's order (key path to value as text)
 * @param result what the run produced
 */
public record SweepPoint(String id, Map<String, String> parameters, RunResult result) {
  public SweepPoint {
    // A LinkedHashMap copy keeps the caller's order, so tables list columns as the sweep did.
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }
}
