package org.supernodesim.workload.trace.text;

/**
 * Which tool's text workload a file is. Both write the same lines (ASTRA-sim 1.0's format, which
 * SimAI inherited); they differ in what a size and a communication type mean:
 *
 * <ul>
 *   <li>{@link #ASTRA_SIM}: an ALLGATHER's size is each rank's own part, as ASTRA-sim's ring reads
 *       it (astra-sim {@code system/collective/Ring.cc}: final size = size x ranks), and types
 *       carry no group suffix;
 *   <li>{@link #SIMAI}: sizes are NCCL's (an ALLGATHER's is the gathered result: SimAI's
 *       MockNccl cuts it into size / ranks chunks, and AICB writes e.g. 20,971,520 B, GPT-13B's
 *       whole 2048 x 5120 bf16 activation, for the sequence-parallel gather), and a type may end
 *       in {@code _EP}, {@code _DP_EP} (or {@code _DP}) to name its group.
 * </ul>
 *
 * <p>Both count compute and update times in ticks of 1 ns (ASTRA-sim's and SimAI's clock period
 * is 1, in nanoseconds), unless a scenario says otherwise.
 */
public enum TextDialect {
  ASTRA_SIM("astra-text"),
  SIMAI("simai-text");

  /** The default length of one time unit of the files: 1 ns. */
  public static final long TICK_PICOS = 1_000L;

  private final String label;

  TextDialect(String label) {
    this.label = label;
  }

  /** The name a scenario writes. */
  public String label() {
    return label;
  }
}
