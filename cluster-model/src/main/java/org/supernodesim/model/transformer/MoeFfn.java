package org.supernodesim.model.transformer;

import java.util.Optional;

/**
 * A mixture-of-experts FFN (Shazeer et al. 2017; DeepSeekMoE's shared experts, Dai et al. 2024):
 * a router sends each token to {@code expertsPerToken} of {@code routedExperts} experts, and every
 * token also goes through the shared path.
 *
 * <p>The shared experts are one fused MLP of {@code sharedExperts × expert width}, as DeepSeek-V3
 * and Ling implement them ({@code n_shared_experts × moe_inter_dim}); for bias-free MLPs that has
 * exactly the parameters and FLOPs of separate experts.
 *
 * @param routedExperts E
 * @param expertsPerToken k, the top-k
 * @param routedExpert the MLP of one routed expert
 * @param sharedExperts always-on experts (0: none)
 * @param sharedMlp the fused shared path; present exactly when {@code sharedExperts > 0}
 * @param router the gate
 */
public record MoeFfn(
    int routedExperts,
    int expertsPerToken,
    Mlp routedExpert,
    int sharedExperts,
    Optional<Mlp> sharedMlp,
    Router router)
    implements FeedForward {
  public MoeFfn {
    if (routedExperts < 1 || expertsPerToken < 1 || expertsPerToken > routedExperts) {
      throw new IllegalArgumentException(
          "MoE needs 1 <= expertsPerToken <= routedExperts, got top-" + expertsPerToken + " of "
              + routedExperts);
    }
    if (routedExpert == null || router == null || sharedMlp == null) {
      throw new IllegalArgumentException("MoE needs its expert MLP, router and shared path");
    }
    if (sharedExperts < 0 || (sharedExperts > 0) != sharedMlp.isPresent()) {
      throw new IllegalArgumentException(
          "MoE with " + sharedExperts + " shared experts must have a shared MLP exactly when the"
              + " count is positive");
    }
    if (sharedMlp.isPresent() && sharedMlp.get().intermediateSize() % sharedExperts != 0) {
      throw new IllegalArgumentException(
          "shared path width " + sharedMlp.get().intermediateSize() + " is not "
              + sharedExperts + " equal experts");
    }
    if (routedExperts % router.groups() != 0) {
      throw new IllegalArgumentException(
          routedExperts + " experts do not split into " + router.groups() + " router groups");
    }
    long reachable = (long) router.topKGroups() * (routedExperts / router.groups());
    if (expertsPerToken > reachable) {
      throw new IllegalArgumentException(
          "top-" + expertsPerToken + " cannot be chosen from " + router.topKGroups() + " groups of "
              + routedExperts / router.groups() + " experts");
    }
  }

  /** Router parameters {@code E·h [+ E]}. */
  public long routerParameters(long hiddenSize) {
    return routedExperts * hiddenSize + (router.bias() ? routedExperts : 0);
  }

  private long sharedParameters(long hiddenSize) {
    return sharedMlp.map(m -> m.parameters(hiddenSize)).orElse(0L);
  }

  private long sharedWeights(long hiddenSize) {
    return sharedMlp.map(m -> m.weights(hiddenSize)).orElse(0L);
  }

  /** Router + E routed experts + shared path. */
  @Override
  public long parameters(long hiddenSize) {
    return routerParameters(hiddenSize)
        + routedExperts * routedExpert.parameters(hiddenSize)
        + sharedParameters(hiddenSize);
  }

  /** Router + k routed experts + shared path (the router scores every expert for every token). */
  @Override
  public long activeParameters(long hiddenSize) {
    return routerParameters(hiddenSize)
        + expertsPerToken * routedExpert.parameters(hiddenSize)
        + sharedParameters(hiddenSize);
  }

  @Override
  public long activeMatmulWeights(long hiddenSize) {
    return routedExperts * hiddenSize
        + expertsPerToken * routedExpert.weights(hiddenSize)
        + sharedWeights(hiddenSize);
  }
}
