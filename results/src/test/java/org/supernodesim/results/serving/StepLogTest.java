package org.supernodesim.results.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StepLogTest {
  private static final long MS = 1_000_000_000L;

  @Test
  void aSteadyInstanceGivesItsLevelsInEveryBucketAndTheWidthDoublesToFit() {
    // Given a queue of 2 and a running batch of 3 held from 0 to 250 ms, KV half used, and a
    // 10 ms step every 20 ms (busy half the time), one arrival per step.
    StepLog log = new StepLog();
    log.observe(0, 2, 3, 0.5);
    for (long t = 0; t < 250 * MS; t += 20 * MS) {
      log.arrived(t);
      log.stepped(t, 10 * MS, 3, 300, 2, 0.5);
      log.observe(t, 2, 3, 0.5);
    }
    // When it ends at 250 ms.
    InstanceSeries s = log.finish(0, 250 * MS);

    // Then 1 ms buckets doubled twice (120 x 2 ms = 240 ms < 250 ms <= 120 x 4 ms): 63 buckets
    // of 4 ms, the last cut to 2 ms.
    assertEquals(4 * MS, log.bucketPicos(), "bucket width: 1 ms doubled until 120 fit 250 ms");
    assertEquals(63, s.buckets(), "ceil(250 / 4) buckets");
    for (int b = 0; b < s.buckets(); b++) {
      assertEquals(2.0, s.queued().get(b), 1e-4, "queue level in bucket " + b);
      assertEquals(3.0, s.running().get(b), 1e-4, "running level in bucket " + b);
      assertEquals(0.5, s.kvUtilisation().get(b), 1e-4, "KV level in bucket " + b);
    }
    // Busy time over all buckets is the steps' time: 13 steps x 10 ms (rounded to 1e-4 each).
    double busyPicos = 0;
    for (int b = 0; b < s.buckets(); b++) {
      busyPicos += s.busy().get(b) * Math.min(4 * MS, 250 * MS - b * 4 * MS);
    }
    assertEquals(130 * MS, busyPicos, 63 * 4 * MS * 1e-4, "13 steps of 10 ms");
    assertEquals(13, s.arrivals().stream().mapToLong(Long::longValue).sum(), "every arrival");
    assertEquals(13 * 300, s.tokens().stream().mapToLong(Long::longValue).sum(), "every token");
    assertEquals(13, log.steps());
    assertEquals(0, log.keptSteps(), "no steps kept unless asked");
  }

  static Stream<Long> seeds() {
    return LongStream.of(1, 2, 3).boxed();
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void countsSurviveMergingAndNoRunHasMoreThanTheBucketsWhateverItsLength(long seed) {
    // Given random arrivals and steps over a random span of 1 ms to 2 hours.
    SplittableRandom random = new SplittableRandom(seed);
    long end = 1 + random.nextLong(7_200_000 * MS);
    StepLog log = new StepLog(5);
    int arrivals = 1 + random.nextInt(500);
    long[] times = random.longs(arrivals, 0, end).sorted().toArray();
    for (long t : times) {
      log.arrived(t);
      log.stepped(t, 0, 1, 1, 0, 0);
      log.observe(t, 1, 1, 0.25);
    }
    InstanceSeries s = log.finish(0, end);
    assertTrue(s.buckets() <= StepLog.BUCKETS, "at most 120 buckets: " + s.buckets());
    assertTrue((long) s.buckets() * log.bucketPicos() >= end, "the buckets cover the run");
    assertEquals(
        arrivals,
        s.arrivals().stream().mapToLong(Long::longValue).sum(),
        "merging pairs keeps every count (seed " + seed + ")");
    assertEquals(Math.min(5, arrivals), log.keptSteps(), "the first 5 steps kept");
    assertEquals(times[0], log.stepStartPicos(0), "the first kept step is the first step");
  }
}
