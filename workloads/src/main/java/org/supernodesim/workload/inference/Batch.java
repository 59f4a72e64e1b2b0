package org.supernodesim.workload.inference;

/**
 * What one forward step of an instance computes, summed over its requests.
 *
 * @param tokens new tokens processed: prefill chunk tokens plus one per decoding request
 * @param attendedTokens keys attended, summed over the new tokens (a decode token at context c
 *     attends c + 1 keys; a chunk of n tokens after p cached ones attends n·p + n(n+1)/2)
 * @param kvTokensRead cached tokens whose KV is read: each request's context including the chunk
 * @param logits tokens whose output distribution is computed (one per request that produces a
 *     token in this step)
 */
public record Batch(long tokens, long attendedTokens, long kvTokensRead, long logits) {
  public Batch {
    if (tokens < 0 || attendedTokens < 0 || kvTokensRead < 0 || logits < 0 || logits > tokens) {
      throw new IllegalArgumentException("a batch needs counts >= 0 and logits <= tokens: " + this);
    }
  }

  /** A batch of {@code requests} decode steps, each at {@code context} cached tokens. */
  public static Batch decode(int requests, long context) {
    return new Batch(requests, requests * (context + 1), requests * (context + 1), requests);
  }

  /** One prompt of {@code tokens} processed from scratch in one step. */
  public static Batch prefill(long tokens) {
    return new Batch(tokens, tokens * (tokens + 1) / 2, tokens, 1);
  }
}
