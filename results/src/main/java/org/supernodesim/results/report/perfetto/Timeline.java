package org.supernodesim.results.report.perfetto;

import java.util.List;

/**
 * What the chips did, as a timeline draws it.
 *
 * @param streams the names of the streams, by index (0: compute, 1..: communication)
 * @param chips the chips, each with its spans
 * @param transfers transfers between chips, drawn as flows
 */
public record Timeline(List<String> streams, List<Chip> chips, List<Transfer> transfers) {
  public Timeline {
    streams = List.copyOf(streams);
    chips = List.copyOf(chips);
    transfers = List.copyOf(transfers);
  }

  /** One chip's spans. */
  public record Chip(int rank, List<Span> spans) {
    public Chip {
      spans = List.copyOf(spans);
    }
  }

  /** One operation on one stream. */
  public record Span(int stream, String name, long startPicos, long endPicos) {}

  /** Bytes from one chip's communication stream to another's. */
  public record Transfer(
      int sourceRank, int destinationRank, long bytes, long sentAtPicos, long arrivedAtPicos) {}
}
