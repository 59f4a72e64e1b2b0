package org.supernodesim.interconnect.collective;

import java.util.List;

/**
 * One step of a rank's part in a collective: the transfers it starts and the ones it must receive
 * before its next step may begin. Peers are indices into the collective's group. Every member's
 * schedule has the same number of steps, and what member a sends to b in its step k, b receives
 * in its step k, so arrivals can be matched by step index.
 *
 * @param sends transfers this rank starts when the step begins
 * @param receives transfers this rank waits for before the step is done
 */
public record Step(List<Transfer> sends, List<Transfer> receives) {
  public Step {
    sends = immutable(sends);
    receives = immutable(receives);
  }

  /** {@code transfers} unchanged if computed (immutable already), else an immutable copy. */
  private static List<Transfer> immutable(List<Transfer> transfers) {
    return transfers instanceof ComputedTransfers ? transfers : List.copyOf(transfers);
  }

  /**
   * A point-to-point transfer of {@code bytes} to or from group member {@code peer}.
   *
   * @param setupPicos fixed time before the first byte may leave (an in-switch reduction phase's
   *     synchronisation); 0 for plain sends
   * @param efficiency the fraction of the route's bandwidth this transfer reaches, in (0, 1]; 1
   *     for plain sends, whose links are already calibrated
   * @param multicastCopy true for the second and later destinations of one multicast: the switch
   *     copies the bytes, so they leave the sender's port once, with the step's first send
   * @param destinationPortShare the share of the bytes that enter the peer's port: 1/k for one of
   *     k contributions an in-switch reduction adds into one stream; 1 for plain sends
   */
  public record Transfer(
      int peer, long bytes, long setupPicos, double efficiency, boolean multicastCopy,
      double destinationPortShare) {
    public Transfer {
      if (bytes < 0) {
        throw new IllegalArgumentException("a transfer cannot move negative bytes: " + bytes);
      }
      if (setupPicos < 0) {
        throw new IllegalArgumentException("setup must be >= 0 ps: " + setupPicos);
      }
      if (!(efficiency > 0 && efficiency <= 1)) {
        throw new IllegalArgumentException("efficiency must be in (0, 1]: " + efficiency);
      }
      if (!(destinationPortShare > 0 && destinationPortShare <= 1)) {
        throw new IllegalArgumentException(
            "destination port share must be in (0, 1]: " + destinationPortShare);
      }
    }

    /** A plain send or receive of {@code bytes} with member {@code peer}. */
    public Transfer(int peer, long bytes) {
      this(peer, bytes, 0, 1, false, 1);
    }
  }
}
