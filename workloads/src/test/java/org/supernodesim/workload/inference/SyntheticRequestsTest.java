package org.supernodesim.workload.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticRequestsTest {

  @ParameterizedTest(name = "cv {0}, seed {1}")
  @CsvSource({"1.0, 7", "0.5, 11", "2.0, 13"})
  void gapsHaveTheRequestedMeanAndVariation(double cv, long seed) {
    // Given 40,000 gamma gaps of mean 1/rate and coefficient of variation cv.
    int n = 40_000;
    double rate = 5;
    SyntheticRequests source = new SyntheticRequests(rate, cv, n,
        new LengthDistribution.Fixed(100), new LengthDistribution.Uniform(10, 30));

    List<Request> requests = source.generate(seed).requests();

    double sum = 0;
    double sumSquares = 0;
    long previous = 0;
    for (Request r : requests) {
      double gap = (r.arrivalPicos() - previous) / 1e12;
      previous = r.arrivalPicos();
      sum += gap;
      sumSquares += gap * gap;
    }
    double mean = sum / n;
    double measuredCv = Math.sqrt(sumSquares / n - mean * mean) / mean;
    // Then the sample mean is within 5 standard errors (cv / sqrt(n) = 0.25 % to 1 % here) and
    // the sample CV within 5 %, which also covers the heavier tail of cv = 2.
    assertEquals(1 / rate, mean, 5 * cv / Math.sqrt(n) / rate, "mean gap 1/rate");
    assertEquals(cv, measuredCv, 0.05 * cv, "coefficient of variation of the gaps");
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2"})
  void oneSeedGivesOneList(long seed) {
    SyntheticRequests source = new SyntheticRequests(3, 1.5, 500,
        new LengthDistribution.LogNormal(1000, 1.2, 8000), new LengthDistribution.Fixed(64));

    List<Request> a = source.generate(seed).requests();
    List<Request> b = source.generate(seed).requests();

    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).arrivalPicos(), b.get(i).arrivalPicos());
      assertEquals(a.get(i).promptTokens(), b.get(i).promptTokens());
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"3"})
  void logNormalLengthsHaveTheirMean(long seed) {
    // Capped far above the mean, the cap changes the mean by much less than the 3 % allowed.
    LengthDistribution d = new LengthDistribution.LogNormal(1000, 0.8, 1_000_000);
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    double sum = 0;
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      sum += d.sample(random);
    }
    assertEquals(1000, sum / n, 30, "sample mean of 100,000 draws within 3 %");
  }
}
