package org.supernodesim.interconnect.network;

/**
 * A point-to-point transfer handed to a network model.
 *
 * @param id the caller's id for it, unique among transfers in flight; it is also the flow id that
 *     ECMP hashes, so the same id takes the same route on every run
 * @param source the sending chip
 * @param destination the receiving chip
 * @param bytes how many bytes it moves
 * @param payload the caller's, handed back untouched with the transfer when it drains or
 *     completes (null if none): a caller needs no map from id to what it must do then
 */
public record Transfer(long id, int source, int destination, long bytes, Object payload) {
  /** A transfer with no payload. */
  public Transfer(long id, int source, int destination, long bytes) {
    this(id, source, destination, bytes, null);
  }

  public Transfer {
    if (bytes < 0) {
      throw new IllegalArgumentException("transfer " + id + " cannot move negative bytes: " + bytes);
    }
    if (source == destination) {
      throw new IllegalArgumentException("transfer " + id + " from chip " + source + " to itself");
    }
  }
}
