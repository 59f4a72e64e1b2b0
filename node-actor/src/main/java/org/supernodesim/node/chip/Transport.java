package org.supernodesim.node.chip;

import org.supernodesim.interconnect.collective.Collectives;
import org.supernodesim.interconnect.collective.Step;
import java.util.List;
import java.util.Map;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.results.NetworkResult;

/**
 * How a chip's transfer reaches its peer: the network model, seen from a chip. A transport is
 * shared by all chips of a run, possibly on several threads; what it keeps per chip is touched
 * only by that chip's process. Transfers of several collectives may be in flight from one chip at
 * once.
 */
public interface Transport {

  /**
   * Starts {@code transfer} from chip {@code source} to chip {@code destination}; {@code arrival}
   * reaches the destination when its last byte has.
   */
  void send(
      Context context, int source, int destination, Step.Transfer transfer,
      ChipProcess.Event arrival);

  /** The collectives of this transport's topology: groups, algorithm choice, steps. */
  Collectives collectives();

  /** The smallest delay of any transfer: the engine's lookahead. */
  long lookaheadPicos();

  /** Logical processes the transport adds to the chips' (the flow model's fabric). */
  default List<LogicalProcess<?>> processes() {
    return List.of();
  }

  /** Bytes that crossed links of each tier so far, by tier name, once per link crossed. */
  default Map<String, Long> bytesPerTier() {
    return Map.of();
  }

  /** The {@code limit} links of highest utilisation so far; empty where links are not shared. */
  default List<NetworkResult.LinkLoad> busiestLinks(int limit) {
    return List.of();
  }
}
