package org.supernodesim.workload.inference;

import java.util.List;

/**
 * Multi-token prediction used for speculative decoding (DeepSeek-V3 §2.2 and §5.4.3: the MTP
 * module drafts the next token, accepted 85-90 % of the time; SGLang runs it EAGLE-style, a chain
 * of {@code drafts} tokens verified in one forward of the main model).
 *
 * <p>Per decode step each request runs {@code drafts} MTP-module passes of one token, then the
 * main model verifies {@code drafts + 1} tokens; the request keeps 1 + a1 + a1·a2 + ... + a1···ak
 * of them on average (a position is kept only if all before it were). A prefill step also runs
 * the MTP module once over its new tokens, to draft the first tokens.
 *
 * @param drafts draft tokens per step, k (0: off)
 * @param acceptance the chance that draft i is accepted given the ones before it were: one rate
 *     for every position, or one per position
 */
public record Speculation(int drafts, List<Double> acceptance) {
  public Speculation {
    acceptance = List.copyOf(acceptance);
    if (drafts < 0) {
      throw new IllegalArgumentException("drafts must be >= 0: " + drafts);
    }
    if (drafts > 0 && acceptance.size() != 1 && acceptance.size() != drafts) {
      throw new IllegalArgumentException(
          "give one acceptance rate or one per draft (" + drafts + "), not " + acceptance.size());
    }
    for (double a : acceptance) {
      if (!(a >= 0 && a <= 1)) {
        throw new IllegalArgumentException("an acceptance rate lies in [0, 1]: " + a);
      }
    }
  }

  /** No drafts. */
  public static Speculation none() {
    return new Speculation(0, List.of());
  }

  /** Expected tokens a request gains per step: 1 + a1 + a1·a2 + ... + a1···ak. */
  public double tokensPerStep() {
    double expected = 1;
    double kept = 1;
    for (int i = 0; i < drafts; i++) {
      kept *= acceptance.get(acceptance.size() == 1 ? 0 : i);
      expected += kept;
    }
    return expected;
  }
}
