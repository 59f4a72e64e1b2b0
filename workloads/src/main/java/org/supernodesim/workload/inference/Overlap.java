package org.supernodesim.workload.inference;

/**
 * How a step's compute and communication combine into its duration.
 *
 * <p>{@link #TWO_BATCH}: the batch is split into two micro-batches and the communication of one
 * runs under the other's compute (SGLang's two-batch overlap, lmsys.org/blog/2025-05-05-large-
 * scale-ep §"Two-batch Overlap"; DeepSeek's inference system, github.com/deepseek-ai/profile-data,
 * prefill and decode). Its cost sits in the compute: each micro-batch is priced on its own, so
 * weights are read twice and GEMMs run on half the rows. A step with an EP all-to-all runs its
 * sparse layers stage by stage as SGLang does ({@link TwoBatchPipeline}); otherwise {@link
 * #combine} applies: of the communication only the first micro-batch's first piece has nothing to
 * hide under, so the step takes max(C, M) plus min(C, M) / (2 x stages), stages being the layers
 * the pipeline alternates over.
 */
public enum Overlap {
  /** Communication follows compute: C + M (one batch in flight). */
  NONE("none"),
  /** Two micro-batches: max(C, M) + min(C, M) / (2 x stages). */
  TWO_BATCH("two-batch");

  private final String label;

  Overlap(String label) {
    this.label = label;
  }

  /** The name in scenario files and results. */
  @com.fasterxml.jackson.annotation.JsonValue
  public String label() {
    return label;
  }

  /**
   * The step's duration from its compute and its priced communication.
   *
   * @param computePicos every kernel of the step, both micro-batches where there are two
   * @param communicationPicos every demand of the step, priced on the fabric
   * @param stages layers the micro-batches alternate over (at least 1)
   */
  public long combine(long computePicos, long communicationPicos, int stages) {
    return switch (this) {
      case NONE -> computePicos + communicationPicos;
      case TWO_BATCH ->
          Math.max(computePicos, communicationPicos)
              + Math.min(computePicos, communicationPicos) / (2L * Math.max(1, stages));
    };
  }
}
