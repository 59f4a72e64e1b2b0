package org.supernodesim.interconnect.routing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.interconnect.topology.Topology.Link;

/**
 * Shortest paths by hop count. Ties go to the link added first, so a route never depends on the
 * iteration order of a hash map. Routes are computed once per pair and kept.
 */
public final class Router {
  private final Topology topology;
  private final ConcurrentHashMap<Long, Route> routes = new ConcurrentHashMap<>();

  public Router(Topology topology) {
    this.topology = topology;
  }

  public Topology topology() {
    return topology;
  }

  /** The route from chip {@code source} to chip {@code destination}. */
  public Route route(int source, int destination) {
    if (source == destination) {
      throw new IllegalArgumentException("no route from chip " + source + " to itself");
    }
    long key = ((long) source << 32) | destination;
    return routes.computeIfAbsent(key, k -> Route.of(shortestPath(source, destination)));
  }

  private List<Link> shortestPath(int source, int destination) {
    Link[] via = new Link[topology.vertices()];
    boolean[] seen = new boolean[topology.vertices()];
    ArrayDeque<Integer> frontier = new ArrayDeque<>();
    frontier.add(source);
    seen[source] = true;
    while (!frontier.isEmpty()) {
      int v = frontier.poll();
      if (v == destination) {
        break;
      }
      for (Link l : topology.outgoing(v)) {
        // Chips do not forward: only the source chip may be left through one of its links.
        boolean forwardsThroughChip = l.from() < topology.chips() && l.from() != source;
        if (!seen[l.to()] && !forwardsThroughChip) {
          seen[l.to()] = true;
          via[l.to()] = l;
          frontier.add(l.to());
        }
      }
    }
    if (!seen[destination]) {
      throw new IllegalArgumentException(
          "chip " + destination + " cannot be reached from chip " + source);
    }
    List<Link> path = new ArrayList<>();
    for (int v = destination; v != source; v = via[v].from()) {
      path.add(via[v]);
    }
    Collections.reverse(path);
    return path;
  }

  @Override
  public String toString() {
    return "Router" + Arrays.asList(topology.chips(), topology.links().size());
  }
}
