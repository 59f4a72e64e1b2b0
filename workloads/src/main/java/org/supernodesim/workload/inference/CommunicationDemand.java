package org.supernodesim.workload.inference;

import java.util.List;
import org.supernodesim.model.collective.CollectiveKind;

/**
 * One collective a serving step needs, for the caller to price on the instance's real chips and
 * routes (the step cost model does not say which link it runs on). A step's demands are summed
 * with its compute by the step's {@link Overlap}.
 *
 * <p>Ranks are the instance's chips, numbered from its first chip as the instance lays them out:
 * stage s holds chips s x stageChips .. (s + 1) x stageChips - 1, attention group g of a stage its
 * chips g x tp .. g x tp + tp - 1.
 *
 * @param collective what runs
 * @param group which ranks run it: every group of that kind in every stage runs it at once
 * @param timesPerStep how often one step runs it (e.g. once per MoE layer)
 * @param bytesPerRank one entry per rank of one group (in the group's rank order), each as {@link
 *     Collective} defines it; the entries differ where expert load is imbalanced
 * @param route how an EP all-to-all reaches its ranks ({@link Route.Direct} for every other
 *     collective)
 */
public record CommunicationDemand(
    Collective collective, RankGroup group, int timesPerStep, List<Long> bytesPerRank,
    Route route) {
  public CommunicationDemand {
    if (timesPerStep < 1 || bytesPerRank.isEmpty()) {
      throw new IllegalArgumentException(
          "a demand runs at least once on at least one rank: " + timesPerStep + ", "
              + bytesPerRank);
    }
    if (route instanceof Route.PerNode && collective.kind() != CollectiveKind.ALL_TO_ALL) {
      throw new IllegalArgumentException("only an EP all-to-all is forwarded per node");
    }
    bytesPerRank = List.copyOf(bytesPerRank);
  }

  /** A demand on direct routes. */
  public CommunicationDemand(
      Collective collective, RankGroup group, int timesPerStep, List<Long> bytesPerRank) {
    this(collective, group, timesPerStep, bytesPerRank, Route.DIRECT);
  }

  /** How an EP dispatch or combine reaches the GPUs that hold a token's experts. */
  public sealed interface Route {
    /** Every token copy straight to its expert's GPU. */
    Route DIRECT = new Direct();

    /**
     * Every token copy goes to its expert's GPU on its own route (DeepEP's low-latency kernels,
     * an NCCL all-to-all); an entry is what the rank receives from the others, as {@link
     * Collective} says.
     */
    record Direct() implements Route {}

    /**
     * DeepEP's normal (high-throughput) kernels: a token crosses the scale-out network once per
     * remote node that holds one of its experts, to the GPU of its own rail there, which forwards
     * it over the scale-up fabric to the node's GPUs that need it (the combine reduces the same
     * way back); github.com/deepseek-ai/DeepEP (README, "Normal kernels with NVLink and RDMA
     * forwarding"; docs/legacy.md). An entry is one copy of each of the rank's tokens in wire
     * bytes, times its expert load over the mean rank's.
     *
     * @param expertsPerToken k, the experts a token picks
     * @param expertSlots expert slots over the group (routed experts and redundant replicas),
     *     spread evenly over its ranks; a token's k experts are taken as k distinct slots
     */
    record PerNode(int expertsPerToken, int expertSlots) implements Route {
      public PerNode {
        if (expertsPerToken < 1 || expertSlots < expertsPerToken) {
          throw new IllegalArgumentException(
              "k = " + expertsPerToken + " experts of " + expertSlots + " slots");
        }
      }

      /**
       * The chance that none of a token's k experts lies in {@code slots} of the slots:
       * C(S - slots, k) / C(S, k), k distinct of S uniformly.
       */
      public double untouched(double slots) {
        double p = 1;
        for (int i = 0; i < expertsPerToken; i++) {
          p *= Math.max(0, expertSlots - slots - i) / (double) (expertSlots - i);
        }
        return p;
      }
    }
  }

  /** The largest entry: what the busiest rank moves. */
  public long busiestRankBytes() {
    return bytesPerRank.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /** The entries' mean. */
  public double meanRankBytes() {
    return bytesPerRank.stream().mapToLong(Long::longValue).average().orElse(0);
  }

  /** Ranks of one group. */
  public int ranks() {
    return bytesPerRank.size();
  }

  /** The collectives of a serving step, with what their bytes per rank mean. */
  public enum Collective {
    /** TP all-reduce of the activations; bytes: the buffer every rank holds (nccl's size). */
    ALL_REDUCE(CollectiveKind.ALL_REDUCE),
    /** DP-attention gather before a layer replicated over the stage; bytes: each rank's part. */
    ALL_GATHER(CollectiveKind.ALL_GATHER),
    /** DP-attention scatter back after such a layer; bytes: each rank's part of the output. */
    REDUCE_SCATTER(CollectiveKind.REDUCE_SCATTER),
    /**
     * Tokens to their experts' ranks; bytes: what each rank receives from the others (its own
     * tokens' share stays local). Every rank sends the mean of the entries.
     */
    EP_DISPATCH(CollectiveKind.ALL_TO_ALL),
    /** Expert outputs back to their tokens' ranks; bytes: what each rank sends to the others. */
    EP_COMBINE(CollectiveKind.ALL_TO_ALL),
    /** Activations from each chip of a stage to its peer in the next; bytes: per chip. */
    STAGE_SEND(CollectiveKind.SEND_RECV);

    private final CollectiveKind kind;

    Collective(CollectiveKind kind) {
      this.kind = kind;
    }

    /** The collective the network layer runs for it. */
    public CollectiveKind kind() {
      return kind;
    }
  }

  /** Which of an instance's chips form one group of a demand. */
  public enum RankGroup {
    /** The tp chips of one attention group (dpAttention x pp such groups). */
    TENSOR,
    /** The chips of one stage, as expert ranks (pp such groups; stageChips ranks each). */
    EXPERT,
    /** The chips of one stage, as attention groups gathering to a replicated layer. */
    ATTENTION_DP,
    /** Chip c of stage s and chip c of stage s + 1, for each boundary (ranks: stageChips). */
    PIPELINE
  }
}
