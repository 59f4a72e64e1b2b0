package org.supernodesim.workload.trace;

import java.util.List;
import org.supernodesim.workload.graph.OperationGraph;

/**
 * A trace made ready to run: one graph per rank (rank r at index r), and the importer's notes on
 * what it did not model or chose to interpret (see {@link TraceNotes}).
 *
 * @param format the format's name as a scenario writes it ({@code chakra}, {@code astra-text},
 *     {@code simai-text})
 * @param graphs each rank's operations; ranks with the same work share them
 * @param notes one line per kind of note, in the order first seen
 */
public record TraceGraphs(String format, List<OperationGraph> graphs, List<String> notes) {
  public TraceGraphs {
    graphs = List.copyOf(graphs);
    notes = List.copyOf(notes);
    for (int r = 0; r < graphs.size(); r++) {
      if (graphs.get(r).rank() != r) {
        throw new IllegalArgumentException("graph " + r + " is rank " + graphs.get(r).rank());
      }
    }
  }

  /** The number of ranks the trace describes. */
  public int ranks() {
    return graphs.size();
  }
}
