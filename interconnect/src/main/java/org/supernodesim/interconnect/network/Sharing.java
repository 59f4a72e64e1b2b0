package org.supernodesim.interconnect.network;

/**
 * How a transfer's bytes load the links, where a switch does more than forward.
 *
 * @param efficiency the fraction of the links' bandwidth it reaches (its bytes on the wire are
 *     bytes / efficiency), in (0, 1]
 * @param skipsSourcePort a copy the switch makes of another transfer (multicast): the original
 *     crossed the source's port, the copy starts at the switch
 * @param destinationPortShare the share of its bytes that enter the destination's port: 1/k for
 *     one of k contributions the switch adds into one stream (in-switch reduction), else 1
 */
public record Sharing(double efficiency, boolean skipsSourcePort, double destinationPortShare) {
  /** A plain transfer: every byte crosses every link of its route, at the links' bandwidth. */
  public static final Sharing PLAIN = new Sharing(1, false, 1);

  /**
   * The sharing of these fields: {@link #PLAIN} itself when they are plain, so that a caller
   * asking once per transfer allocates nothing in the common case.
   */
  public static Sharing of(
      double efficiency, boolean skipsSourcePort, double destinationPortShare) {
    return efficiency == 1 && !skipsSourcePort && destinationPortShare == 1
        ? PLAIN
        : new Sharing(efficiency, skipsSourcePort, destinationPortShare);
  }

  public Sharing {
    if (!(efficiency > 0 && efficiency <= 1)) {
      throw new IllegalArgumentException("efficiency must be in (0, 1]: " + efficiency);
    }
    if (!(destinationPortShare > 0 && destinationPortShare <= 1)) {
      throw new IllegalArgumentException(
          "destination port share must be in (0, 1]: " + destinationPortShare);
    }
  }
}
