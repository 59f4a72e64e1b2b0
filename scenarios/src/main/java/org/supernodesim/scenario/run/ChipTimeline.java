package org.supernodesim.scenario.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.supernodesim.node.chip.ActivityLog;
import org.supernodesim.node.chip.ChipProcess;
import org.supernodesim.node.chip.TransferLog;
import org.supernodesim.results.report.perfetto.Timeline;

/** timeline.json's content: the chip processes' recorded activity, and the transfers noted. */
final class ChipTimeline {
  /** Transfers of each chip drawn as flows in timeline.json: the first ones it sent. */
  static final int TRANSFERS_PER_CHIP = 64;

  private ChipTimeline() {}

  static Timeline of(List<ChipProcess> processes, Optional<TransferLog> noted) {
    List<Timeline.Chip> chips = new ArrayList<>();
    int streams = 2;
    for (ChipProcess chip : processes) {
      ActivityLog log = chip.activity();
      List<Timeline.Span> spans = new ArrayList<>(log.size());
      for (int i = 0; i < log.size(); i++) {
        streams = Math.max(streams, log.stream(i) + 1);
        spans.add(
            new Timeline.Span(
                log.stream(i),
                chip.graph().get(log.operationId(i)).name(),
                log.startPicos(i),
                log.endPicos(i)));
      }
      chips.add(new Timeline.Chip(chip.rank(), spans));
    }
    List<Timeline.Transfer> transfers = new ArrayList<>();
    noted.ifPresent(
        log ->
            log.entries()
                .forEach(
                    e ->
                        transfers.add(
                            new Timeline.Transfer(
                                e.source(),
                                e.destination(),
                                e.bytes(),
                                e.sentAtPicos(),
                                e.arrivedAtPicos()))));
    // A training rank has one stream per communicator after the default one.
    List<String> names = new ArrayList<>(List.of("compute", "communication"));
    for (int s = 2; s < streams; s++) {
      names.add("communicator " + (s - 1));
    }
    return new Timeline(names, chips, transfers);
  }
}
