package org.supernodesim.results.serving;

import java.util.List;
import org.supernodesim.results.metrics.LatencyRecorder;

/**
 * What a serving run knows of each request, beyond result.json: the rows of {@code requests.csv}
 * and the latency histograms the {@code .hgrm} files print.
 *
 * @param requests every request, in trace order
 * @param ttft time to first token
 * @param tpot time per output token (empty when every request had one output token)
 * @param e2e arrival to last token
 */
public record ServingRecords(
    List<RequestRecord> requests, LatencyRecorder ttft, LatencyRecorder tpot, LatencyRecorder e2e) {
  public ServingRecords {
    requests = List.copyOf(requests);
  }
}
