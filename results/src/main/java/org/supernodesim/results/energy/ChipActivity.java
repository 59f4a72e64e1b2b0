package org.supernodesim.results.energy;

/**
 * What one chip's streams did over a run, as the power model needs it.
 *
 * @param rank the chip
 * @param computeBusyPicos time its compute stream ran
 * @param communicationOnlyPicos time its communication stream ran while its compute stream was idle
 */
public record ChipActivity(int rank, long computeBusyPicos, long communicationOnlyPicos) {
  public ChipActivity {
    if (computeBusyPicos < 0 || communicationOnlyPicos < 0) {
      throw new IllegalArgumentException(
          "chip " + rank + ": busy times must be >= 0: " + computeBusyPicos + ", "
              + communicationOnlyPicos);
    }
  }
}
