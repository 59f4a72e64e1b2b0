package org.supernodesim.node.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.supernodesim.node.engine.RecordingContext;
import org.supernodesim.workload.inference.Batch;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.RoutingPolicy;
import org.supernodesim.workload.inference.Load;

/** The router and an instance alone: events in, a recording context, what they sent. */
class ServingProcessTest {
  static final long L = 2_000_000;

  @Test
  void theRouterReleasesEachRequestAtItsArrivalAndSendsItToTheLeastLoaded() {
    List<Request> requests = List.of(Request.of(0, 5_000, 10, 2), Request.of(1, 9_000, 10, 2));
    RouterProcess router = new RouterProcess(requests, RoutingPolicy.LEAST_LOADED, 4,
        new int[] {0, 1}, new int[0], new int[] {1, 2}, L, new Load.Arrivals());
    RecordingContext ctx = new RecordingContext();

    router.start(ctx);
    assertEquals(5_000, ctx.scheduled.get(0).delayPicos(), "the first arrival at its time");
    ctx.nowPicos = 5_000;
    router.handle((RouterProcess.Event) ctx.scheduled.get(0).payload(), ctx);
    ctx.nowPicos = 9_000;
    router.handle((RouterProcess.Event) ctx.scheduled.get(1).payload(), ctx);

    assertEquals(4_000, ctx.scheduled.get(1).delayPicos(), "the next arrival after the gap");
    assertEquals(1, ctx.sent.get(0).target(), "instance 0 (process 1) first");
    assertEquals(2, ctx.sent.get(1).target(), "then the less loaded instance 1 (process 2)");
    assertEquals(L, ctx.sent.get(0).delayPicos(), "dispatch takes the lookahead");
  }

  @Test
  void anInstancePricesItsStepAndReportsTheFinishedRequest() {
    InstanceProcess instance = new InstanceProcess(0, Role.UNIFIED, 0, 0, new int[] {1}, L,
        Deployments.oneChipCosts(), Deployments.limits(false), new KvCache(100, 16, 0),
        (to, id, bytes, now) -> 0);
    RecordingContext ctx = new RecordingContext();

    instance.handle(new InstanceProcess.Admit(new ServingRequest(Request.of(7, 0, 100, 1), -1)),
        ctx);
    long prefill = Deployments.oneChipCosts().step(Batch.prefill(100)).picos();
    assertEquals(prefill, ctx.scheduled.get(0).delayPicos(), "one step: the 100-token prefill");
    ctx.nowPicos = prefill;
    instance.handle((InstanceProcess.Event) ctx.scheduled.get(0).payload(), ctx);

    assertEquals(new RouterProcess.Left(0, 7, true), ctx.sent.get(0).payload(),
        "its one output token came from the prefill: done");
    assertEquals(1, instance.finished().size());
    assertEquals(0, instance.kv().utilisation(), 0, "its blocks are free again");
  }

  @Test
  void everyEventKindHasAHandler() {
    // The dispatchers are chains of instanceof: a new event type must get its line.
    assertEquals(java.util.Set.of("Admit", "KvArrived", "CommArrived", "KvLaneArrived",
        "StepFinished", "PhaseWaited"),
        java.util.Arrays.stream(InstanceProcess.Event.class.getPermittedSubclasses())
            .map(Class::getSimpleName).collect(java.util.stream.Collectors.toSet()),
        "each has its line in InstanceProcess.handle");
    assertEquals(2, RouterProcess.Event.class.getPermittedSubclasses().length);
  }
}
