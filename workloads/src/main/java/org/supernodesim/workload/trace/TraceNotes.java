package org.supernodesim.workload.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an importer did that a reader of the result should know: parts of a trace it does not
 * model, placeholders it dropped, interpretations it chose. Nothing is left out silently; each
 * kind of note is kept once, with how often it happened and where it happened first, in the order
 * first seen (so the notes of a trace are always the same, line for line).
 */
public final class TraceNotes {
  private final Map<String, long[]> counts = new LinkedHashMap<>();
  private final Map<String, String> firstSeen = new LinkedHashMap<>();

  /** Notes that {@code what} happened at {@code where} (a file and node, or a line). */
  public void add(String what, String where) {
    counts.computeIfAbsent(what, k -> new long[1])[0]++;
    firstSeen.putIfAbsent(what, where);
  }

  /** Adds {@code other}'s notes, each counted {@code times} over, after this one's own. */
  public void addAll(TraceNotes other, long times) {
    other.counts.forEach((what, n) -> {
      counts.computeIfAbsent(what, k -> new long[1])[0] += n[0] * times;
      firstSeen.putIfAbsent(what, other.firstSeen.get(what));
    });
  }

  /** One line per kind: "what (N times; first at WHERE)". */
  public List<String> lines() {
    List<String> out = new ArrayList<>(counts.size());
    counts.forEach(
        (what, n) -> out.add(
            what + (n[0] == 1 ? " (at " : " (" + n[0] + " times; first at ") + firstSeen.get(what)
                + ")"));
    return out;
  }
}
