package org.supernodesim.scenario.run;

/** A run estimated not to fit this JVM's heap: the command line exits 3 with the message. */
public final class TooLargeForHeap extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TooLargeForHeap(String message) {
    super(message);
  }
}
