package org.supernodesim.node.serving;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.supernodesim.node.engine.Context;
import org.supernodesim.node.engine.LogicalProcess;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.RoutingPolicy;
import org.supernodesim.workload.inference.Load;

/**
 * The front end: releases each request at its arrival time and sends it to an instance, choosing
 * by its {@link RoutingPolicy}; for disaggregated serving it also picks the decode instance. It
 * knows each instance's load from what it sent and what the instances reported back, never by
 * looking at them, and integrates the number of requests in the system over time.
 */
final class RouterProcess implements LogicalProcess<RouterProcess.Event> {

  /** What the router reacts to. */
  sealed interface Event {}

  /** An instance let go of a request: finished it, or handed it to a decode instance. */
  record Left(int instance, int requestId, boolean completed) implements Event {}

  private record Arrival() implements Event {}

  private final List<Request> requests;
  private final RoutingPolicy policy;
  private final int loadSlack;
  private final int[] entryInstances; // unified or prefill instances, by index
  private final int[] decodeInstances; // empty unless disaggregated
  private final int[] processIds; // per instance index
  private final long dispatchPicos;
  private final int inFlight; // requests held in the system under saturation; 0: at arrivals
  private final int[] load; // per instance index: requests sent and not left
  // Per entry instance: the prefix hashes sent to it (membership only, never iterated).
  private final List<Set<Integer>> sentHashes;
  private int next;
  private int entryTurn;
  private int decodeTurn;

  // Requests in the system, integrated over time.
  private long inSystem;
  private double inSystemArea;
  private long lastChangePicos = -1;
  long firstArrivalPicos = -1;
  long lastArrivalPicos;
  long lastCompletionPicos;
  // Volatile: a progress display reads it from another thread while the run goes on.
  volatile long completed;

  RouterProcess(
      List<Request> requests, RoutingPolicy policy, int loadSlack, int[] entryInstances,
      int[] decodeInstances, int[] processIds, long dispatchPicos, Load mode) {
    this.requests = requests;
    this.policy = policy;
    this.loadSlack = loadSlack;
    this.entryInstances = entryInstances;
    this.decodeInstances = decodeInstances;
    this.processIds = processIds;
    this.dispatchPicos = dispatchPicos;
    this.inFlight = mode instanceof Load.Saturate s ? s.inFlight() : 0;
    this.load = new int[processIds.length];
    this.sentHashes = new java.util.ArrayList<>();
    for (int i = 0; i < processIds.length; i++) {
      sentHashes.add(new HashSet<>());
    }
  }

  @Override
  public void start(Context ctx) {
    if (!requests.isEmpty()) {
      ctx.schedule(inFlight > 0 ? 0 : requests.get(0).arrivalPicos(), new Arrival());
    }
  }

  @Override
  public void handle(Event event, Context ctx) {
    if (event instanceof Arrival) {
      onArrival(ctx);
    } else if (event instanceof Left e) {
      onLeft(e, ctx);
    } else {
      throw new IllegalStateException("router: no handler for " + event);
    }
  }

  /** Time-average of requests in the system from the first arrival to the last completion. */
  double meanInSystem() {
    long span = lastCompletionPicos - firstArrivalPicos;
    return span <= 0 ? 0 : inSystemArea / span;
  }

  private void change(long nowPicos, int delta) {
    if (lastChangePicos >= 0) {
      inSystemArea += (double) inSystem * (nowPicos - lastChangePicos);
    }
    lastChangePicos = nowPicos;
    inSystem += delta;
  }

  private void onArrival(Context ctx) {
    if (inFlight > 0) {
      // Saturation: the first inFlight requests enter at once, whatever the source's times.
      while (next < requests.size() && next < inFlight) {
        release(ctx);
      }
      return;
    }
    release(ctx);
    if (next < requests.size()) {
      ctx.schedule(requests.get(next).arrivalPicos() - ctx.nowPicos(), new Arrival());
    }
  }

  /** Lets the next request in now and sends it to an instance. */
  private void release(Context ctx) {
    long now = ctx.nowPicos();
    Request source = requests.get(next++);
    Request r = inFlight > 0
        ? new Request(source.id(), now, source.promptTokens(), source.outputTokens(),
            source.prefixBlocks())
        : source;
    if (firstArrivalPicos < 0) {
      firstArrivalPicos = now;
    }
    lastArrivalPicos = now;
    change(now, +1);
    int entry = chooseEntry(r);
    int decode = decodeInstances.length == 0 ? -1 : chooseDecode();
    load[entry]++;
    if (decode >= 0) {
      load[decode]++;
    }
    if (policy == RoutingPolicy.CACHE_AWARE) {
      Set<Integer> sent = sentHashes.get(entry);
      for (int h : r.prefixBlocks()) {
        sent.add(h);
      }
    }
    ctx.send(processIds[entry], dispatchPicos, new InstanceProcess.Admit(
        new ServingRequest(r, decode)));
  }

  private void onLeft(Left e, Context ctx) {
    load[e.instance()]--;
    if (e.completed()) {
      // Counted out when the notice arrives, one notification delay (the lookahead, about a
      // microsecond) after the last token: a bias of that delay per request on the mean.
      change(ctx.nowPicos(), -1);
      completed++;
      lastCompletionPicos = ctx.nowPicos();
      if (inFlight > 0 && next < requests.size()) {
        release(ctx); // saturation: a completion lets the next request in
      }
    }
  }

  private int chooseEntry(Request r) {
    switch (policy) {
      case ROUND_ROBIN:
        return entryInstances[entryTurn++ % entryInstances.length];
      case LEAST_LOADED:
        return leastLoaded(entryInstances);
      case CACHE_AWARE:
        return cacheAware(r);
      default:
        throw new IllegalStateException("no routing for " + policy);
    }
  }

  private int chooseDecode() {
    return policy == RoutingPolicy.ROUND_ROBIN
        ? decodeInstances[decodeTurn++ % decodeInstances.length]
        : leastLoaded(decodeInstances);
  }

  private int leastLoaded(int[] pool) {
    int best = pool[0];
    for (int i : pool) {
      if (load[i] < load[best]) {
        best = i;
      }
    }
    return best;
  }

  private int cacheAware(Request r) {
    int least = leastLoaded(entryInstances);
    if (r.prefixBlocks().length == 0) {
      return least;
    }
    int best = least;
    int bestMatch = matched(r, least);
    for (int i : entryInstances) {
      if (load[i] > load[least] + loadSlack) {
        continue;
      }
      int m = matched(r, i);
      if (m > bestMatch || (m == bestMatch && load[i] < load[best])) {
        best = i;
        bestMatch = m;
      }
    }
    return best;
  }

  private int matched(Request r, int instance) {
    Set<Integer> sent = sentHashes.get(instance);
    int n = 0;
    for (int h : r.prefixBlocks()) {
      if (!sent.contains(h)) {
        break;
      }
      n++;
    }
    return n;
  }
}
