package org.supernodesim.scenario.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Every message that crosses between the machines of a cluster sweep, and nothing else: {@code
 * cluster.conf} binds this interface to Pekko's Jackson CBOR serializer, Java serialization is
 * off, and Pekko's Jackson serializer refuses to read any class that is not bound, so a type
 * outside this list cannot be sent or received. The subtypes are named explicitly (no default
 * typing, no class names in the payload).
 *
 * <p>The protocol is work pulling: a worker says how many of its slots are free ({@link
 * RequestWork}); the coordinator answers with at most that many {@link RunPoint}s; each result
 * comes back as a {@link PointDone}, after which the worker asks again.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ClusterMessage.RequestWork.class, name = "request-work"),
  @JsonSubTypes.Type(value = ClusterMessage.PointDone.class, name = "point-done"),
  @JsonSubTypes.Type(value = ClusterMessage.RunPoint.class, name = "run-point"),
  @JsonSubTypes.Type(value = ClusterMessage.Refused.class, name = "refused"),
  @JsonSubTypes.Type(value = ClusterMessage.SweepComplete.class, name = "sweep-complete")
})
public sealed interface ClusterMessage {

  /**
   * From a worker: it can take {@code freeSlots} more points.
   *
   * @param worker where to send points
   * @param node the worker's address, for the logs
   * @param version the worker's supernode-sim version; another than the coordinator's is refused
   * @param freeSlots how many points it can start now
   */
  record RequestWork(
      ActorRef<Worker.Command> worker, String node, String version, int freeSlots)
      implements ClusterMessage, Coordinator.Command {}

  /**
   * From a worker: a point ran (or failed, with its error inside the point).
   *
   * @param scenarioHash the hash of the scenario the worker ran; another sweep's is refused
   * @param pointJson the point exactly as a local sweep would keep it ({@code points/<id>.json})
   */
  record PointDone(
      ActorRef<Worker.Command> worker, String node, String pointId, String scenarioHash,
      String pointJson)
      implements ClusterMessage, Coordinator.Command {}

  /**
   * From the coordinator: run the point {@code pointId} of {@code scenario}.
   *
   * @param scenarioHash {@link ScenarioBundle#hash()} as the coordinator computed it
   */
  record RunPoint(String pointId, String scenarioHash, ScenarioBundle scenario)
      implements ClusterMessage, Worker.Command {}

  /** From the coordinator: this worker cannot take part, and why. */
  record Refused(String reason, String coordinator) implements ClusterMessage, Worker.Command {}

  /** From the coordinator: every point is kept; the coordinator is about to stop. */
  record SweepComplete(int points, String coordinator) implements ClusterMessage, Worker.Command {}
}
