package org.supernodesim.workload.graph;

import java.util.List;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.collective.AlgorithmChoice;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * One operation of a rank's work. Operations name the ids of the operations of the same rank they
 * depend on; an operation starts once all of them are done and its stream is free. Compute runs on
 * the chip's compute stream, communication on its communication stream, so the two overlap where
 * the graph allows (as an MLCommons Chakra execution trace does).
 */
public sealed interface Operation {

  /** The id, unique within the rank's graph; dependencies point to lower ids. */
  int id();

  /** The ids of the operations this one waits for. */
  List<Integer> dependencies();

  /** A short human-readable label for timelines. */
  String name();

  /**
   * Arithmetic on the chip: {@code flops} operations over {@code bytes} of HBM traffic, in
   * {@code precision}.
   */
  record Compute(
      int id, List<Integer> dependencies, String name, double flops, double bytes,
      Precision precision)
      implements Operation {
    public Compute {
      dependencies = List.copyOf(dependencies);
      if (!(flops >= 0) || !(bytes >= 0)) {
        throw new IllegalArgumentException(name + ": flops and bytes must be >= 0");
      }
    }
  }

  /**
   * Work on the compute stream that takes a measured {@code durationPicos}, whatever the chip: a
   * trace's recorded runtime (Chakra's {@code duration_micros}, a text workload's compute time).
   */
  record Measured(int id, List<Integer> dependencies, String name, long durationPicos)
      implements Operation {
    public Measured {
      dependencies = List.copyOf(dependencies);
      if (durationPicos < 0) {
        throw new IllegalArgumentException(name + ": duration must be >= 0: " + durationPicos);
      }
    }
  }

  /**
   * A wait of {@code durationPicos} that occupies no stream: a text workload's update time, which
   * ASTRA-sim and SimAI add after each of a layer's collectives before it counts as finished.
   */
  record Delay(int id, List<Integer> dependencies, String name, long durationPicos)
      implements Operation {
    public Delay {
      dependencies = List.copyOf(dependencies);
      if (durationPicos < 0) {
        throw new IllegalArgumentException(name + ": duration must be >= 0: " + durationPicos);
      }
    }
  }

  /**
   * A run of kernels on the compute stream, as one operation: a training step's layer pass is a
   * few dozen kernels that always run back to back, so the graph stays coarse while the cost model
   * still prices each kernel by its own kind and shape.
   */
  record Kernels(int id, List<Integer> dependencies, String name, List<Kernel> kernels)
      implements Operation {
    public Kernels {
      dependencies = List.copyOf(dependencies);
      kernels = List.copyOf(kernels);
    }
  }

  /**
   * A point-to-point transfer of {@code bytes} to global rank {@code peer}, matched by {@code tag}
   * with the peer's {@link Recv}. It occupies this rank's stream towards {@code peer} until the
   * last byte has arrived.
   */
  record Send(int id, List<Integer> dependencies, String name, int peer, long bytes, int tag)
      implements Operation {
    public Send {
      dependencies = List.copyOf(dependencies);
      if (bytes < 0) {
        throw new IllegalArgumentException(name + ": bytes must be >= 0: " + bytes);
      }
    }
  }

  /** Waits for the {@link Send} tagged {@code tag} from global rank {@code peer}. */
  record Recv(int id, List<Integer> dependencies, String name, int peer, int tag)
      implements Operation {
    public Recv {
      dependencies = List.copyOf(dependencies);
    }
  }

  /**
   * This rank's part in a collective over {@code group} (global ranks, in group order).
   * {@code collectiveId} is the same on every member, so members can tell the instances apart.
   * {@code sourceBytes} is empty, or (an uneven all-to-all) each member's send buffer in group
   * order, {@code bytes} then being their mean. {@code destinationBytes} is empty, or (an uneven
   * all-to-all whose members send evenly what each receives: MoE dispatch to loaded experts) each
   * member's receive buffer in group order, {@code bytes} then being their mean; at most one of
   * the two is given.
   */
  record Collective(
      int id, List<Integer> dependencies, String name, int collectiveId, CollectiveKind kind,
      List<Integer> group, long bytes, AlgorithmChoice algorithm, List<Long> sourceBytes,
      List<Long> destinationBytes)
      implements Operation {
    public Collective {
      dependencies = List.copyOf(dependencies);
      group = List.copyOf(group);
      sourceBytes = List.copyOf(sourceBytes);
      destinationBytes = List.copyOf(destinationBytes);
      if (!destinationBytes.isEmpty()
          && (destinationBytes.size() != group.size() || !sourceBytes.isEmpty())) {
        throw new IllegalArgumentException(
            name + ": one receive buffer per member, and no send buffers beside them");
      }
      if (bytes < 0) {
        throw new IllegalArgumentException(name + ": bytes must be >= 0: " + bytes);
      }
      if (!sourceBytes.isEmpty() && sourceBytes.size() != group.size()) {
        throw new IllegalArgumentException(
            name + ": one send buffer per member: " + sourceBytes.size() + " for " + group.size());
      }
    }

    /** A collective with no receive buffers of its own ({@code destinationBytes} empty). */
    public Collective(
        int id, List<Integer> dependencies, String name, int collectiveId, CollectiveKind kind,
        List<Integer> group, long bytes, AlgorithmChoice algorithm, List<Long> sourceBytes) {
      this(id, dependencies, name, collectiveId, kind, group, bytes, algorithm, sourceBytes,
          List.of());
    }

    /** The largest buffer of any member: what the busiest member's closed form takes. */
    public long busiestBytes() {
      long most = bytes;
      for (long b : sourceBytes) {
        most = Math.max(most, b);
      }
      for (long b : destinationBytes) {
        most = Math.max(most, b);
      }
      return most;
    }

    /** A collective moving {@code bytes} on every member. */
    public Collective(
        int id, List<Integer> dependencies, String name, int collectiveId, CollectiveKind kind,
        List<Integer> group, long bytes, AlgorithmChoice algorithm) {
      this(id, dependencies, name, collectiveId, kind, group, bytes, algorithm, List.of());
    }
  }
}
