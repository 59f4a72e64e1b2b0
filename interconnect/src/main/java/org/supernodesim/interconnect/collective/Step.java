package org.supernodesim.interconnect.collective;

import java.util.List;

/**
 * One step of a rank's part in a collective: the transfers it starts and the ones it must receive
 * before its next step may begin. Peers are indices into the collective's group.
 *
 * @param sends transfers this rank starts when the step begins
 * @param receives transfers this rank waits for before the step is done
 */
public record Step(List<Transfer> sends, List<Transfer> receives) {
  public Step {
    sends = List.copyOf(sends);
    receives = List.copyOf(receives);
  }

  /** A point-to-point transfer of {@code bytes} to or from group member {@code peer}. */
  public record Transfer(int peer, long bytes) {
    public Transfer {
      if (bytes < 0) {
        throw new IllegalArgumentException("a transfer cannot move negative bytes: " + bytes);
      }
    }
  }
}
