package org.supernodesim.node.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.supernodesim.node.actors.ActorRuntime;
import org.supernodesim.results.ServingResult;
import org.supernodesim.workload.inference.LengthDistribution;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.RoutingPolicy;
import org.supernodesim.workload.inference.SyntheticRequests;

class ServingBehaviourTest {

  @ParameterizedTest(name = "seed {0}, {1} req/s")
  @CsvSource({"1, 4.0", "2, 6.0"})
  void littlesLawHoldsOnASteadySyntheticRun(long seed, double rate) {
    // Given 3,000 Poisson arrivals of fixed lengths (512 in, 128 out) on one H20 instance of
    // Llama-3.1 8B: a steady, stable queue (prefills take 56 ms, decode steps ~5-8 ms).
    RequestTrace trace = new SyntheticRequests(rate, 1.0, 3000,
        new LengthDistribution.Fixed(512), new LengthDistribution.Fixed(128)).generate(seed);

    ServingResult r = Deployments.runSequential(Deployments.setup(trace,
        List.of(Deployments.group(Role.UNIFIED, 1, 1_000_000)), Deployments.limits(false),
        RoutingPolicy.LEAST_LOADED));

    // Then L = lambda W: the router's time-average of requests in the system equals the arrival
    // rate times the instances' mean latency, within 2 % (the run's drain, about 1 s of 500-750,
    // and the 2 us notice delay per request are the only departures).
    double littles = r.arrivalRatePerSecond() * r.meanE2eSeconds();
    assertEquals(littles, r.meanRequestsInSystem(), 0.02 * littles,
        "L = lambda W (lambda " + r.arrivalRatePerSecond() + "/s, W " + r.meanE2eSeconds() + " s)");
    assertTrue(r.meanRequestsInSystem() > 1, "the queue is not trivially empty");
  }

  @Test
  void aKvCacheTooSmallForTheLoadPreemptsAndStillFinishesEveryRequest() {
    // Given 40 requests of 1,000 + 500 tokens at once on an instance holding 4,000 tokens of KV:
    // two fit, a third would, until their decodes grow past the blocks left.
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      requests.add(Request.of(i, i * 1_000_000L, 1000, 500));
    }
    RequestTrace trace = new RequestTrace("burst", requests, 0, 0);

    ServingResult r = Deployments.runSequential(Deployments.setup(trace,
        List.of(Deployments.group(Role.UNIFIED, 1, 4000)), Deployments.limits(false),
        RoutingPolicy.ROUND_ROBIN));

    assertEquals(40, r.requestsCompleted(), "every request finishes");
    assertTrue(r.preemptions() > 0, "running requests were preempted: " + r.preemptions());
    assertTrue(r.kvCacheUtilisation().peak() <= 1.0 && r.kvCacheUtilisation().peak() > 0.9,
        "the cache ran full, never over: " + r.kvCacheUtilisation());
  }

  @Test
  void aRepeatedPrefixIsReadFromTheCacheInsteadOfComputed() {
    // Given two 2,048-token prompts with the same four 512-token block hashes, 10 s apart.
    int[] hashes = {7, 8, 9, 10};
    RequestTrace trace = new RequestTrace("shared prefix", List.of(
        new Request(0, 0, 2048, 2, hashes),
        new Request(1, 10_000_000_000_000L, 2048, 2, hashes)), 0, 512);

    ServingResult cached = Deployments.runSequential(Deployments.setup(trace,
        List.of(Deployments.group(Role.UNIFIED, 1, 100_000)), Deployments.limits(true),
        RoutingPolicy.CACHE_AWARE));
    ServingResult uncached = Deployments.runSequential(Deployments.setup(trace,
        List.of(Deployments.group(Role.UNIFIED, 1, 100_000)), Deployments.limits(false),
        RoutingPolicy.CACHE_AWARE));

    // Then the second finds 3 blocks (the 4th would leave no token to compute): 1,536 of its
    // 2,048 tokens, a hit rate of 1,536 / 4,096 over both prompts.
    assertEquals(1536.0 / 4096, cached.prefixCacheHitRate(), 1e-12);
    assertEquals(null, uncached.prefixCacheHitRate(), "no hit rate without caching");
    double second = cached.ttftSeconds().p50();
    double first = cached.ttftSeconds().max();
    assertTrue(second < 0.4 * first, "the second prefill computes 512 of 2,048 tokens: " + second
        + " s vs " + first + " s");
  }

  @Test
  void cacheAwareRoutingSendsASharedPrefixWhereItIsCached() {
    // Given 4 instances and 40 requests in 4 families of shared prefixes, arriving in turn.
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int family = i % 4;
      requests.add(new Request(i, i * 2_000_000_000_000L, 2048, 4,
          new int[] {100 * family, 100 * family + 1, 100 * family + 2, 1000 + i}));
    }
    RequestTrace trace = new RequestTrace("families", requests, 0, 512);

    double cacheAware = Deployments.runSequential(Deployments.setup(trace,
        List.of(Deployments.group(Role.UNIFIED, 4, 100_000)), Deployments.limits(true),
        RoutingPolicy.CACHE_AWARE)).prefixCacheHitRate();
    double roundRobinOffset = Deployments.runSequential(Deployments.setup(
        new RequestTrace("families", requests.subList(0, 39), 0, 512),
        List.of(Deployments.group(Role.UNIFIED, 3, 100_000)), Deployments.limits(true),
        RoutingPolicy.ROUND_ROBIN)).prefixCacheHitRate();

    // Then, one instance per family, every request after its family's first hits 3 blocks.
    assertEquals(36 * 1536.0 / (40 * 2048), cacheAware, 1e-12, "36 of 40 requests hit 3 blocks");
    assertTrue(roundRobinOffset < cacheAware, "round robin over 3 instances mixes the families");
  }

  @Test
  void bothRuntimesGiveTheSameResult() {
    // Given 3 instances behind cache-aware routing, 600 requests with random shared prefixes.
    SplittableRandom random = new SplittableRandom(42);
    List<Request> requests = new ArrayList<>();
    long at = 0;
    for (int i = 0; i < 600; i++) {
      at += (long) (-Math.log(1 - random.nextDouble()) * 0.2e12);
      int blocks = 1 + random.nextInt(6);
      int[] hashes = new int[blocks];
      for (int b = 0; b < blocks; b++) {
        hashes[b] = b == 0 ? random.nextInt(5) : random.nextInt(40) * 10 + b;
      }
      requests.add(new Request(i, at, blocks * 512, 1 + random.nextInt(200), hashes));
    }
    ServingCluster.Setup setup = Deployments.setup(new RequestTrace("random", requests, 0, 512),
        List.of(Deployments.group(Role.UNIFIED, 3, 20_000)), Deployments.limits(true),
        RoutingPolicy.CACHE_AWARE);
    ServingResult reference = Deployments.runSequential(setup);

    for (int[] placement : new int[][] {{1, 1}, {2, 1}, {2, 2}, {4, 4}}) {
      ServingCluster cluster = ServingCluster.assemble(setup);
      try (ActorRuntime runtime = new ActorRuntime(placement[0], placement[1])) {
        runtime.run(cluster.simulation());
      }
      assertEquals(reference, cluster.result(),
          "threads " + placement[0] + ", processes per actor " + placement[1]);
    }
  }
}
