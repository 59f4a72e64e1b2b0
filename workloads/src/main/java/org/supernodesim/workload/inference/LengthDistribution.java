package org.supernodesim.workload.inference;

import java.util.SplittableRandom;

/** How many tokens a synthetic prompt or output has. */
public sealed interface LengthDistribution {

  /** One draw, at least 1. */
  int sample(SplittableRandom random);

  /** The mean of the distribution (before rounding). */
  double mean();

  /** Always {@code tokens}. */
  record Fixed(int tokens) implements LengthDistribution {
    public Fixed {
      if (tokens < 1) {
        throw new IllegalArgumentException("a fixed length needs at least 1 token: " + tokens);
      }
    }

    @Override
    public int sample(SplittableRandom random) {
      return tokens;
    }

    @Override
    public double mean() {
      return tokens;
    }
  }

  /** Uniform on the whole numbers {@code [min, max]}. */
  record Uniform(int min, int max) implements LengthDistribution {
    public Uniform {
      if (min < 1 || max < min) {
        throw new IllegalArgumentException("a uniform length needs 1 <= min <= max: " + min + ", "
            + max);
      }
    }

    @Override
    public int sample(SplittableRandom random) {
      return min + random.nextInt(max - min + 1);
    }

    @Override
    public double mean() {
      return (min + max) / 2.0;
    }
  }

  /**
   * Log-normal with the given mean and coefficient of variation, rounded to the nearest whole
   * number, at least 1 and at most {@code max}: the usual shape of LLM prompt and output lengths
   * (long right tail). sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2 / 2.
   */
  record LogNormal(double meanTokens, double cv, int max) implements LengthDistribution {
    public LogNormal {
      if (!(meanTokens >= 1) || !(cv > 0) || max < 1) {
        throw new IllegalArgumentException("a log-normal length needs mean >= 1, cv > 0, max >= 1: "
            + meanTokens + ", " + cv + ", " + max);
      }
    }

    @Override
    public int sample(SplittableRandom random) {
      double sigma2 = Math.log(1 + cv * cv);
      double mu = Math.log(meanTokens) - sigma2 / 2;
      double x = Math.exp(mu + Math.sqrt(sigma2) * Gaussian.next(random));
      return (int) Math.max(1, Math.min(max, Math.round(x)));
    }

    @Override
    public double mean() {
      return meanTokens;
    }
  }
}
