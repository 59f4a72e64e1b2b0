package org.supernodesim.node.chip;

/**
 * Where one chip's time went, without double counting: computing (the compute stream busy),
 * exposed communication (some communication stream busy while the compute stream is idle), idle
 * (neither: waiting for a pipeline peer, or done before the step's end).
 *
 * @param computePicos compute stream busy
 * @param exposedCommunicationPicos communication not hidden behind compute
 * @param communicationPicos communication stream time in all, hidden or not
 */
public record TimeSplit(long computePicos, long exposedCommunicationPicos, long communicationPicos) {

  /** What is left of {@code stepPicos}: the chip was neither computing nor communicating. */
  public long idlePicos(long stepPicos) {
    return stepPicos - computePicos - exposedCommunicationPicos;
  }
}
