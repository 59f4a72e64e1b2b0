package org.supernodesim.results.metrics;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.supernodesim.model.units.Units;

/**
 * Records latencies and reports their {@link Percentiles}. One recorder per metric and per run; not
 * thread-safe (a logical process owns it). The histogram resizes itself, so any latency from 0 ps
 * to hours fits without a configured maximum.
 *
 * <p>Deterministic: the same values in any order give the same percentiles, since a histogram only
 * counts values per bucket.
 */
public final class LatencyRecorder {
  /**
   * Three digits: each percentile within 0.1 % of the exact one, at 8 KiB per doubling of range.
   */
  public static final int DEFAULT_SIGNIFICANT_DIGITS = 3;

  private static final double PICOS_PER_MILLISECOND = 1e9;

  private final Histogram histogram;
  private final int significantDigits;
  private long maxPicos = -1;

  /** A recorder whose percentiles are within 0.1 % (three significant digits). */
  public LatencyRecorder() {
    this(DEFAULT_SIGNIFICANT_DIGITS);
  }

  /**
   * A recorder whose percentiles are within {@code 10^-significantDigits} of the exact values.
   *
   * @param significantDigits 0 to 5, as HdrHistogram allows
   */
  public LatencyRecorder(int significantDigits) {
    if (significantDigits < 0 || significantDigits > 5) {
      throw new IllegalArgumentException(
          "significant digits must be 0 to 5 (HdrHistogram's range): " + significantDigits);
    }
    this.significantDigits = significantDigits;
    this.histogram = new Histogram(significantDigits);
  }

  /** Records one latency of {@code picos} picoseconds. */
  public void recordPicos(long picos) {
    if (picos < 0) {
      throw new IllegalArgumentException("a latency must be >= 0 ps: " + picos);
    }
    histogram.recordValue(picos);
    maxPicos = Math.max(maxPicos, picos);
  }

  /** Records one latency of {@code seconds}, rounded to the nearest picosecond. */
  public void recordSeconds(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) { // also rejects NaN
      throw new IllegalArgumentException("a latency must be finite and >= 0 s: " + seconds);
    }
    recordPicos(Units.secondsToPicos(seconds));
  }

  /** How many latencies were recorded. */
  public long count() {
    return histogram.getTotalCount();
  }

  /** p50, p90, p99 and max of what was recorded; empty before the first value. */
  public Optional<Percentiles> percentiles() {
    if (histogram.getTotalCount() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Percentiles(
            histogram.getTotalCount(),
            valueAtPercentile(50),
            valueAtPercentile(90),
            valueAtPercentile(99),
            maxPicos,
            significantDigits));
  }

  /**
   * The latency at each of {@code fractions} (0 to 1) of the recorded values, in seconds: the
   * points of the empirical CDF. Fraction 0 is the smallest value's bucket, 1 the exact maximum;
   * every value is at most the maximum. Empty before the first value.
   */
  public List<Double> secondsAt(List<Double> fractions) {
    List<Double> seconds = new ArrayList<>(fractions.size());
    if (histogram.getTotalCount() == 0) {
      return seconds;
    }
    for (double f : fractions) {
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException("a fraction of the values is 0 to 1: " + f);
      }
      long picos =
          f == 0
              ? histogram.lowestEquivalentValue(histogram.getMinValue())
              : f == 1 ? maxPicos : valueAtPercentile(100 * f);
      seconds.add(Units.picosToSeconds(Math.min(picos, maxPicos)));
    }
    return seconds;
  }

  /**
   * The value at {@code percentile} (0 to 100) as {@link Histogram#getValueAtPercentile} gives it:
   * the highest value equivalent to the first bucket at which the running count reaches the
   * percentile's share of the values (rounded up, at least one; a share a hair under the asked one,
   * so that rounding never spills into the next bucket). HdrHistogram walks its buckets from value
   * 0 each time; latencies in picoseconds at three digits span about 24,000 buckets to the
   * milliseconds, nearly all below the smallest value recorded, which is where this walk starts:
   * that was the bulk of summing up a short run's collectives, run interpreted. {@code
   * LatencyRecorderTest} checks it against HdrHistogram's on many percentiles and spreads.
   */
  long valueAtPercentile(double percentile) {
    double share =
        Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
    long total = histogram.getTotalCount();
    long wanted = Math.max((long) Math.ceil(share * total / 100.0), 1);
    long last = histogram.lowestEquivalentValue(histogram.getMaxValue());
    long value = histogram.lowestEquivalentValue(histogram.getMinValue());
    long counted = histogram.getCountAtValue(value);
    // Every value counted is at most the last bucket's, so the walk ends there at the latest.
    while (counted < wanted && value < last) {
      value = histogram.nextNonEquivalentValue(value);
      counted += histogram.getCountAtValue(value);
    }
    return percentile == 0.0
        ? histogram.lowestEquivalentValue(value)
        : histogram.highestEquivalentValue(value);
  }

  /**
   * Writes HdrHistogram's percentile distribution (the {@code .hgrm} text that HdrHistogram's
   * plotter and {@code HistogramLogAnalyzer} read) with values in milliseconds, as wrk2 and most
   * tools print latencies: 5 ticks per half the distance to 100 %, as {@code
   * Histogram.outputPercentileDistribution} writes it.
   */
  public void writePercentileDistribution(PrintStream out) {
    histogram.outputPercentileDistribution(out, 5, PICOS_PER_MILLISECOND);
  }
}
