package org.supernodesim.node.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.fabric.NetworkModel;
import org.supernodesim.node.engine.SequentialRuntime;
import org.supernodesim.results.ServingResult;
import org.supernodesim.workload.inference.LengthDistribution;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.RoutingPolicy;
import org.supernodesim.workload.inference.SchedulerLimits;
import org.supernodesim.workload.inference.SyntheticRequests;
import org.supernodesim.workload.inference.Load;
import org.supernodesim.workload.inference.HostTier;

/** Saturation, the steady-state window, per-role scheduler limits and the goodput search. */
class ServingLoadTest {
  private static final long L = 2_000_000; // the lookahead: dispatch and notice delays

  private static RequestTrace identical(int n, int prompt, int output) {
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      requests.add(Request.of(i, i * 1_000_000_000_000L, prompt, output)); // 1 s apart
    }
    return new RequestTrace("identical", requests, 0, 0);
  }

  private static ServingCluster.Setup saturated(RequestTrace trace, int inFlight) {
    ServingCluster.Setup s = Deployments.setup(trace,
        List.of(Deployments.group(Role.UNIFIED, 1, 1_000_000)), Deployments.limits(false),
        RoutingPolicy.LEAST_LOADED);
    return new ServingCluster.Setup(s.trace(), s.groups(), s.routing(), s.loadSlack(), s.router(),
        NetworkModel.ANALYTICAL, new Load.Saturate(inFlight), null, null, HostTier.NONE);
  }

  @Test
  void oneInFlightRunsTheRequestsBackToBackAndTheWindowLeavesOutRampAndDrain() {
    // Given 10 identical requests (512 in, 65 out) held one in flight, their 1 s spacing ignored.
    int n = 10;
    int out = 65;
    ServingResult r = Deployments.runSequential(saturated(identical(n, 512, out), 1));

    // Then each request runs alone: e2e = dispatch + prefill + 64 decode steps, the same for all;
    // the next enters when the router hears of the completion (one notice L later), so requests
    // complete every cycle = e2e + L.
    double e2e = r.e2eSeconds().p50();
    assertEquals(e2e, r.e2eSeconds().max(), 1e-6, "every request alone: one e2e");
    assertEquals("saturate", r.load());
    assertEquals(1.0, r.meanRequestsInSystem(), 0.01, "one request in the system at all times");

    // The window runs from the first completion to the last entry, finish_1 + (n-2) cycles + L:
    // requests 2..n-1 finish inside, so the rate is (n-2) x out / ((n-2) x cycle + L).
    ServingResult.SteadyState s = r.steadyState();
    assertNotNull(s);
    double cycle = e2e + L / 1e12;
    double window = (n - 2) * cycle + L / 1e12;
    assertEquals(window, s.endSeconds() - s.startSeconds(), 1e-6, "the saturated window");
    assertEquals((n - 2) * out / window, s.outputTokensPerSecond(),
        1e-3 * s.outputTokensPerSecond(), "steady output rate, closed form (1e-3: HDR rounding)");
    assertTrue(s.outputTokensPerSecond() > r.outputTokensPerSecond() * 0.99,
        "no ramp or drain in the window");
  }

  @Test
  void saturationHoldsTheNumberInFlight() {
    // Given 200 requests held 8 in flight on one instance.
    ServingResult r = Deployments.runSequential(saturated(identical(200, 256, 32), 8));

    // Then all finish and the system holds 8 but for the drain (the last 8 leave one by one)
    // and the notice delays: a mean within 5 % of 8.
    assertEquals(200, r.requestsCompleted());
    assertEquals(8, r.meanRequestsInSystem(), 0.4, "8 in flight");
  }

  @Test
  void decodeInstancesKeepTheirOwnBatchCap() {
    // Given disaggregated serving, prefill batches up to 256 and decode capped at 2 requests.
    RequestTrace trace = new SyntheticRequests(50, 1.0, 60, new LengthDistribution.Fixed(256),
        new LengthDistribution.Fixed(40)).generate(3);
    SchedulerLimits prefill = new SchedulerLimits(256, 8192, true, 16, false);
    SchedulerLimits decode = new SchedulerLimits(2, 8192, true, 16, false);
    ServingCluster.Setup s = Deployments.setupOf(trace,
        List.of(new InstanceGroup(Role.PREFILL, 1, Deployments.oneChipCosts(), 100_000, prefill),
            new InstanceGroup(Role.DECODE, 1, Deployments.oneChipCosts(), 100_000, decode)),
        RoutingPolicy.LEAST_LOADED);

    ServingResult r = Deployments.runSequential(s);

    // Then the decode instance never runs more than 2, the prefill one batches more.
    assertEquals(60, r.requestsCompleted());
    assertEquals(2, r.instances().get(1).peakBatch(), "decode cap");
    assertTrue(r.instances().get(0).peakBatch() > 2, "prefill batches " + r.instances().get(0));
  }

  @Test
  void theGoodputIsTheHighestRateMeetingTheSlo() {
    // Given Poisson arrivals at 2/s (300 requests, 512 in, 64 out) on one instance and a P90 TTFT
    // target of 200 ms (a lone prefill takes ~56 ms; the queue grows as the rate nears capacity).
    RequestTrace trace = new SyntheticRequests(2, 1.0, 300, new LengthDistribution.Fixed(512),
        new LengthDistribution.Fixed(64)).generate(5);
    ServingCluster.Setup base = Deployments.setup(trace,
        List.of(Deployments.group(Role.UNIFIED, 1, 1_000_000)), Deployments.limits(false),
        RoutingPolicy.LEAST_LOADED);
    ServingCluster.Setup s = new ServingCluster.Setup(base.trace(), base.groups(), base.routing(),
        base.loadSlack(), base.router(), base.networkModel(), base.load(), 0.2, null,
        HostTier.NONE);

    ServingCluster cluster = ServingCluster.assemble(s);
    new SequentialRuntime().run(cluster.simulation());
    ServingResult.Goodput g = cluster.result(90.0).goodput();

    // Then the answer was run and met, a rate at most 2^(1/256) above it was run and failed, and
    // a second search gives the same answer.
    assertTrue(g.requestsPerSecond() > 0, "a rate meets the SLO");
    assertTrue(g.probes().stream().anyMatch(p -> p.meets()
        && p.requestsPerSecond() == g.requestsPerSecond()), "the answer was run");
    double nextFailing = g.probes().stream().filter(p -> !p.meets())
        .mapToDouble(ServingResult.Goodput.Probe::requestsPerSecond).min().orElseThrow();
    assertTrue(nextFailing > g.requestsPerSecond()
        && nextFailing <= g.requestsPerSecond() * Math.pow(2, 1 / 256.0) * (1 + 1e-9),
        "bracket narrowed to 0.3 %: " + g.requestsPerSecond() + " .. " + nextFailing);
    for (ServingResult.Goodput.Probe p : g.probes()) {
      assertEquals(p.meets(), p.ttftSeconds() <= 0.2, "meets iff P90 TTFT <= 200 ms: " + p);
    }
    ServingCluster again = ServingCluster.assemble(s);
    new SequentialRuntime().run(again.simulation());
    assertEquals(g, again.result(90.0).goodput(), "deterministic");
  }
}
