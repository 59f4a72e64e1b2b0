package org.supernodesim.workload.inference;

/**
 * What an instance's scheduler may put in one step (vLLM's max_num_seqs and
 * max_num_batched_tokens).
 *
 * @param maxBatch requests per step
 * @param tokenBudget new tokens per step, prefill chunks and decode tokens together
 * @param chunkedPrefill split a prompt over several steps to fit the budget (else a prompt runs
 *     whole, alone if it exceeds the budget)
 * @param blockTokens tokens per KV-cache block
 * @param prefixCaching reuse cached prompt blocks when the requests carry block hashes
 */
public record SchedulerLimits(
    int maxBatch, int tokenBudget, boolean chunkedPrefill, int blockTokens,
    boolean prefixCaching) {
  public SchedulerLimits {
    if (maxBatch < 1 || tokenBudget < 1 || blockTokens < 1) {
      throw new IllegalArgumentException(
          "maxBatch, tokenBudget and blockTokens must be >= 1: " + maxBatch + ", " + tokenBudget
              + ", " + blockTokens);
    }
  }
}
