package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Requests from a random process: inter-arrival gaps from a gamma distribution of mean 1/rate and
 * coefficient of variation {@code cv} (cv = 1 is a Poisson process; cv > 1 is burstier, cv < 1
 * more regular), with prompt and output lengths drawn independently. Seeded: one seed, one list.
 *
 * @param ratePerSecond mean arrivals per second
 * @param cv coefficient of variation of the gaps (1: Poisson)
 * @param count how many requests
 * @param prompt prompt lengths
 * @param output output lengths
 */
public record SyntheticRequests(
    double ratePerSecond, double cv, int count, LengthDistribution prompt,
    LengthDistribution output) {
  public SyntheticRequests {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be > 0 requests/s: " + ratePerSecond);
    }
    if (!(cv > 0) || Double.isInfinite(cv)) {
      throw new IllegalArgumentException("cv must be > 0: " + cv);
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
  }

  /** The requests, the first arriving after the first gap. */
  public RequestTrace generate(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    SplittableRandom gaps = random.split();
    SplittableRandom lengths = random.split();
    // Gamma with shape k = 1/cv^2 and scale theta = cv^2 / rate has mean 1/rate and CV cv.
    double shape = 1 / (cv * cv);
    double scaleSeconds = cv * cv / ratePerSecond;
    List<Request> requests = new ArrayList<>(count);
    double atSeconds = 0;
    for (int i = 0; i < count; i++) {
      double gap = cv == 1
          ? -StrictMath.log(1.0 - gaps.nextDouble()) / ratePerSecond
          : Gaussian.gamma(gaps, shape) * scaleSeconds;
      atSeconds += gap;
      requests.add(Request.of(i, Math.round(atSeconds * 1e12), prompt.sample(lengths),
          output.sample(lengths)));
    }
    String process = cv == 1 ? "poisson" : "gamma(cv=" + cv + ")";
    return new RequestTrace(
        "synthetic " + process + " at " + ratePerSecond + " req/s", requests, 0, 0);
  }
}
