package org.supernodesim.node.serving;

import java.util.List;
import org.supernodesim.results.metrics.LatencyRecorder;
import org.supernodesim.results.serving.LatencyCdf;
import org.supernodesim.results.serving.LatencySeconds;
import org.supernodesim.results.ServingResult;

/**
 * The latencies of finished requests and how many met the targets, recorded in request order.
 * TTFT runs from arrival to the first token, TPOT is (last - first token) / (output - 1), e2e
 * from arrival to the last token.
 */
final class Outcomes {
  private final LatencyRecorder ttft = new LatencyRecorder();
  private final LatencyRecorder tpot = new LatencyRecorder();
  private final LatencyRecorder e2e = new LatencyRecorder();
  private final Double ttftTarget;
  private final Double tpotTarget;
  private long count;
  private long outputTokens;
  private long meetsTtft;
  private long meetsTpot;
  private long meetsBoth;
  private double e2eSecondsSum;

  Outcomes(Double ttftTargetSeconds, Double tpotTargetSeconds) {
    this.ttftTarget = ttftTargetSeconds;
    this.tpotTarget = tpotTargetSeconds;
  }

  void record(ServingRequest r) {
    long arrival = r.request.arrivalPicos();
    long first = r.firstTokenPicos - arrival;
    long total = r.finishedPicos - arrival;
    ttft.recordPicos(first);
    e2e.recordPicos(total);
    e2eSecondsSum += total / 1e12;
    outputTokens += r.request.outputTokens();
    double tpotSeconds = 0;
    long perToken = tpotPicos(r);
    if (perToken >= 0) {
      tpot.recordPicos(perToken);
      tpotSeconds = perToken / 1e12;
    }
    boolean okTtft = ttftTarget == null || first / 1e12 <= ttftTarget;
    boolean okTpot = tpotTarget == null || tpotSeconds <= tpotTarget;
    count++;
    meetsTtft += okTtft ? 1 : 0;
    meetsTpot += okTpot ? 1 : 0;
    meetsBoth += okTtft && okTpot ? 1 : 0;
  }

  /** (last - first token) / (output - 1), rounded to the picosecond; -1 for one output token. */
  static long tpotPicos(ServingRequest r) {
    if (r.request.outputTokens() <= 1) {
      return -1;
    }
    return Math.round(
        (r.finishedPicos - r.firstTokenPicos) / (double) (r.request.outputTokens() - 1));
  }

  /** The three histograms: TTFT, TPOT (empty when every request had one token), e2e. */
  List<LatencyRecorder> recorders() {
    return List.of(ttft, tpot, e2e);
  }

  /** The three latencies' CDFs at the standard fractions. */
  LatencyCdf cdf() {
    List<Double> f = LatencyCdf.standardFractions();
    return new LatencyCdf(f, ttft.secondsAt(f), tpot.secondsAt(f), e2e.secondsAt(f));
  }

  long outputTokens() {
    return outputTokens;
  }

  double meanE2eSeconds() {
    return e2eSecondsSum / count;
  }

  LatencySeconds ttft() {
    return LatencySeconds.of(ttft.percentiles().orElseThrow());
  }

  /** Absent when every request had a single output token. */
  LatencySeconds tpot() {
    return tpot.percentiles().map(LatencySeconds::of).orElse(null);
  }

  LatencySeconds e2e() {
    return LatencySeconds.of(e2e.percentiles().orElseThrow());
  }

  ServingResult.SloAttainment slo() {
    return new ServingResult.SloAttainment(ttftTarget, tpotTarget,
        ttftTarget == null ? null : meetsTtft / (double) count,
        tpotTarget == null ? null : meetsTpot / (double) count,
        meetsBoth / (double) count);
  }
}
