package org.supernodesim.results.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one serving instance did over time, kept small however long the run: arrivals, steps and
 * tokens counted per time bucket, and the time-weighted means of busy time, queue, running batch
 * and KV-cache use per bucket. There are at most {@link #BUCKETS} buckets: they start {@link
 * #FIRST_BUCKET_PICOS} wide and, whenever time outgrows them, neighbours are merged in pairs and
 * the width doubles (as a reservoir of fixed size keeps a whole run at falling resolution). The
 * width therefore depends only on how far time went, so the instances of one run end with the same
 * buckets. Optionally the first {@code keptSteps} steps are also kept one by one, for a timeline.
 *
 * <p>The instance calls it from its event handler, in event order, so the same run gives the same
 * sums on every runtime. Not thread-safe: one process owns it.
 */
public final class StepLog {
  /** The most buckets a series has. */
  public static final int BUCKETS = 120;

  /** The width of a bucket before the first merge: 1 ms. */
  public static final long FIRST_BUCKET_PICOS = 1_000_000_000L;

  /** Level means are rounded to this many decimals, to keep result.json short. */
  private static final double ROUNDING = 1e4;

  // Counted channels.
  private static final int ARRIVALS = 0;
  private static final int STEPS = 1;
  private static final int TOKENS = 2;
  // Time-weighted channels: value x picoseconds per bucket.
  private static final int BUSY = 3;
  private static final int QUEUED = 4;
  private static final int RUNNING = 5;
  private static final int KV = 6;
  private static final int CHANNELS = 7;

  private final double[][] buckets = new double[CHANNELS][BUCKETS];
  private long bucketPicos = FIRST_BUCKET_PICOS;
  private long observedPicos;
  private int queued;
  private int running;
  private double kvUtilisation;

  private final int keptSteps;
  private int stepCount;
  private long[] stepStarts = new long[0];
  private long[] stepEnds = new long[0];
  private int[] stepBatches = new int[0];
  private long[] stepTokens = new long[0];
  private int[] stepQueued = new int[0];
  private double[] stepKv = new double[0];

  /** A log that keeps buckets only. */
  public StepLog() {
    this(0);
  }

  /** A log that also keeps the first {@code keptSteps} steps one by one (for a timeline). */
  public StepLog(int keptSteps) {
    if (keptSteps < 0) {
      throw new IllegalArgumentException("steps kept must be >= 0: " + keptSteps);
    }
    this.keptSteps = keptSteps;
  }

  /** A request arrived at the instance (from the router, or with its KV from a prefill). */
  public void arrived(long nowPicos) {
    count(ARRIVALS, nowPicos, 1);
  }

  /**
   * The instance's state after an event at {@code nowPicos}: requests waiting, requests running
   * (holding KV) and the share of KV blocks in use. The previous state held until now.
   */
  public void observe(long nowPicos, int queuedNow, int runningNow, double kvUtilisationNow) {
    if (nowPicos < observedPicos) {
      throw new IllegalStateException(
          "observed at " + nowPicos + " ps after " + observedPicos + " ps");
    }
    spread(QUEUED, queued, observedPicos, nowPicos);
    spread(RUNNING, running, observedPicos, nowPicos);
    spread(KV, kvUtilisation, observedPicos, nowPicos);
    observedPicos = nowPicos;
    queued = queuedNow;
    running = runningNow;
    kvUtilisation = kvUtilisationNow;
  }

  /**
   * A step of {@code batch} requests and {@code tokens} tokens starts now for {@code picos}, with
   * {@code queuedNow} requests left waiting and {@code kvUtilisationNow} of the KV blocks in use.
   */
  public void stepped(
      long nowPicos, long picos, int batch, long tokens, int queuedNow, double kvUtilisationNow) {
    count(STEPS, nowPicos, 1);
    count(TOKENS, nowPicos, tokens);
    spread(BUSY, 1, nowPicos, nowPicos + picos);
    if (stepCount < keptSteps) {
      keep(nowPicos, nowPicos + picos, batch, tokens, queuedNow, kvUtilisationNow);
    }
    stepCount++;
  }

  /**
   * The series of instance {@code instance} over a run that ended at {@code endPicos}: the state
   * last observed holds until then.
   */
  public InstanceSeries finish(int instance, long endPicos) {
    observe(Math.max(endPicos, observedPicos), queued, running, kvUtilisation);
    long end = Math.max(endPicos, 1);
    grow(end - 1);
    int used = (int) ((end - 1) / bucketPicos) + 1;
    List<Long> arrivals = new ArrayList<>(used);
    List<Long> steps = new ArrayList<>(used);
    List<Long> tokens = new ArrayList<>(used);
    List<Double> busy = new ArrayList<>(used);
    List<Double> queue = new ArrayList<>(used);
    List<Double> batch = new ArrayList<>(used);
    List<Double> kv = new ArrayList<>(used);
    for (int b = 0; b < used; b++) {
      long width = Math.min(bucketPicos, end - b * bucketPicos);
      arrivals.add(Math.round(buckets[ARRIVALS][b]));
      steps.add(Math.round(buckets[STEPS][b]));
      tokens.add(Math.round(buckets[TOKENS][b]));
      busy.add(mean(BUSY, b, width));
      queue.add(mean(QUEUED, b, width));
      batch.add(mean(RUNNING, b, width));
      kv.add(mean(KV, b, width));
    }
    return new InstanceSeries(instance, arrivals, steps, tokens, busy, queue, batch, kv);
  }

  /** The width of a bucket now (after {@link #finish}: the series' bucket width). */
  public long bucketPicos() {
    return bucketPicos;
  }

  /** Steps started so far. */
  public int steps() {
    return stepCount;
  }

  /** Steps kept one by one: the first {@code keptSteps} of them. */
  public int keptSteps() {
    return Math.min(stepCount, keptSteps);
  }

  /** Kept step {@code i}: when it started. */
  public long stepStartPicos(int i) {
    return stepStarts[i];
  }

  /** Kept step {@code i}: when it ended. */
  public long stepEndPicos(int i) {
    return stepEnds[i];
  }

  /** Kept step {@code i}: the requests in its batch. */
  public int stepBatch(int i) {
    return stepBatches[i];
  }

  /** Kept step {@code i}: the tokens it computed (prompt chunks and one per decode). */
  public long stepTokens(int i) {
    return stepTokens[i];
  }

  /** Kept step {@code i}: the requests waiting when it started. */
  public int stepQueued(int i) {
    return stepQueued[i];
  }

  /** Kept step {@code i}: the share of KV blocks in use when it started. */
  public double stepKvUtilisation(int i) {
    return stepKv[i];
  }

  private double mean(int channel, int bucket, long width) {
    return Math.round(buckets[channel][bucket] / width * ROUNDING) / ROUNDING;
  }

  private void count(int channel, long atPicos, double amount) {
    grow(atPicos);
    buckets[channel][(int) (atPicos / bucketPicos)] += amount;
  }

  /** Adds {@code value} times the overlap of [from, to) with each bucket. */
  private void spread(int channel, double value, long fromPicos, long toPicos) {
    if (value == 0 || toPicos <= fromPicos) {
      return;
    }
    grow(toPicos - 1);
    long from = fromPicos;
    int b = (int) (from / bucketPicos);
    while (from < toPicos) {
      long end = Math.min(toPicos, (b + 1) * bucketPicos);
      buckets[channel][b] += value * (end - from);
      from = end;
      b++;
    }
  }

  /** Doubles the width, merging neighbours, until instant {@code atPicos} falls in a bucket. */
  private void grow(long atPicos) {
    while (atPicos / bucketPicos >= BUCKETS) {
      for (double[] channel : buckets) {
        for (int i = 0; i < BUCKETS / 2; i++) {
          channel[i] = channel[2 * i] + channel[2 * i + 1];
        }
        Arrays.fill(channel, BUCKETS / 2, BUCKETS, 0);
      }
      bucketPicos *= 2;
    }
  }

  private void keep(long start, long end, int batch, long tokens, int queuedNow, double kvNow) {
    int i = stepCount;
    if (i == stepStarts.length) {
      int n = Math.min(keptSteps, Math.max(16, 2 * i));
      stepStarts = Arrays.copyOf(stepStarts, n);
      stepEnds = Arrays.copyOf(stepEnds, n);
      stepBatches = Arrays.copyOf(stepBatches, n);
      stepTokens = Arrays.copyOf(stepTokens, n);
      stepQueued = Arrays.copyOf(stepQueued, n);
      stepKv = Arrays.copyOf(stepKv, n);
    }
    stepStarts[i] = start;
    stepEnds[i] = end;
    stepBatches[i] = batch;
    stepTokens[i] = tokens;
    stepQueued[i] = queuedNow;
    stepKv[i] = kvNow;
  }
}
