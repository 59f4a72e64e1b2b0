package org.supernodesim.node.chip;

import org.supernodesim.node.engine.Context;

/**
 * How a chip's transfer reaches its peer: the network model, seen from a chip. The analytical
 * model needs no process of its own: the sender knows the arrival time at once.
 */
public interface Transport {

  /** Starts a transfer of {@code bytes} from chip {@code source}; {@code arrival} reaches the peer. */
  void send(Context context, int source, int destination, long bytes, ChipProcess.Event arrival);

  /** The smallest delay of any transfer: the engine's lookahead. */
  long lookaheadPicos();
}
