package org.supernodesim.workload.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * How a MoE layer's routed experts are loaded and placed on the EP ranks, which decides how many
 * tokens the busiest rank computes (it sets the layer's time) and receives.
 *
 * <p>Load: {@link Load#uniform()} (every expert the same share), a measured per-expert share list
 * (one for every layer, or one per MoE layer as SGLang's expert-distribution recorder dumps it), or
 * a seeded Zipf skew (share of the i-th hottest expert proportional to 1 / i^s, the hot experts
 * drawn afresh per layer from the seed).
 *
 * <p>Placement: without balancing, SGLang's trivial expert location ({@code
 * ExpertLocationMetadata.init_trivial} in {@code sglang/srt/eplb/expert_location.py}): physical
 * slot p of the E + r holds expert p mod E and sits on rank p x ep / (E + r), so without redundant
 * experts expert e sits on rank e x ep / E (contiguous, as SGLang and vLLM place them) and the r
 * redundant slots replicate experts 0 .. r - 1, a replicated expert's tokens split evenly over its
 * replicas. With EPLB (github.com/deepseek-ai/EPLB, {@code eplb.py}, {@code
 * rebalance_experts_hierarchical}): the expert groups are first packed onto the nodes, groups / nodes
 * each, heaviest first onto the least loaded node with room; then within each node the (E + r) /
 * nodes slots are filled: the node's experts one each, every further slot to the expert with the
 * most load per replica (its tokens split evenly over its replicas); then the node's slots are
 * packed heaviest first onto its least loaded GPU with room, (E + r) / ep each. The global policy
 * is the same with one node and one group ({@code rebalance_experts(..., 1, 1, num_gpus)}).
 *
 * <p>Shared-expert replicas (DeepSeek-V3 §3.4.2, decoding: the shared expert "regarded as a
 * routed one", each token selecting 9 experts with the shared one always among them, on GPUs of
 * its own; CloudMatrix-Infer's EP320 on CloudMatrix384): the shared expert(s) take {@code
 * sharedReplicas} of the E + r + n slots, on whole ranks of their own, the last n / s of the ep
 * ranks (s = (E + r + n) / ep slots a rank). Each replica slot computes the shared expert for 1 /
 * n of all the EP group's tokens; the routed slots are placed as above over the remaining ep - n
 * / s ranks, which no longer compute the shared expert.
 *
 * @param load per-expert token shares
 * @param redundantExperts extra expert slots per layer
 * @param balanced EPLB placement; else SGLang's trivial one
 * @param nodes nodes EPLB's hierarchical policy packs the expert groups onto (1: global)
 * @param groups the model's expert groups (1: global)
 * @param sharedReplicas slots holding the shared expert(s) as an always-selected routed expert (0:
 *     the shared experts run on every rank beside the routed ones)
 * @param sampling whether a step's finite draw of assignments spreads the ranks' loads ({@link
 *     RankLoads}) or every step takes the expected shares
 */
public record ExpertPlacement(
    Load load, int redundantExperts, boolean balanced, int nodes, int groups,
    int sharedReplicas, ExpertSampling sampling) {
  public ExpertPlacement {
    if (sampling == null) {
      throw new IllegalArgumentException("the expert sampling needs a value");
    }
    if (redundantExperts < 0) {
      throw new IllegalArgumentException(
          "redundant experts must be >= 0, not " + redundantExperts);
    }
    if (sharedReplicas < 0) {
      throw new IllegalArgumentException(
          "shared-expert replicas must be >= 0, not " + sharedReplicas);
    }
    if (nodes < 1 || groups < 1 || groups % nodes != 0 || (!balanced && nodes * groups != 1)) {
      throw new IllegalArgumentException("EPLB's hierarchical policy packs whole expert groups"
          + " onto nodes: " + groups + " groups over " + nodes + " nodes"
          + (balanced ? "" : ", and only with EPLB"));
    }
  }

  /** Each step's draw of assignments sampled ({@link ExpertSampling#BINOMIAL}). */
  public ExpertPlacement(
      Load load, int redundantExperts, boolean balanced, int nodes, int groups,
      int sharedReplicas) {
    this(load, redundantExperts, balanced, nodes, groups, sharedReplicas,
        ExpertSampling.BINOMIAL);
  }

  /** The shared experts on every rank beside the routed ones. */
  public ExpertPlacement(
      Load load, int redundantExperts, boolean balanced, int nodes, int groups) {
    this(load, redundantExperts, balanced, nodes, groups, 0);
  }

  /** EPLB's global policy, or SGLang's trivial placement without EPLB. */
  public ExpertPlacement(Load load, int redundantExperts, boolean balanced) {
    this(load, redundantExperts, balanced, 1, 1);
  }

  /** The same placement with the shared expert(s) on {@code replicas} slots of their own. */
  public ExpertPlacement withSharedReplicas(int replicas) {
    return new ExpertPlacement(
        load, redundantExperts, balanced, nodes, groups, replicas, sampling);
  }

  /** The same placement with each step's draw sampled or not. */
  public ExpertPlacement withSampling(ExpertSampling choice) {
    return new ExpertPlacement(
        load, redundantExperts, balanced, nodes, groups, sharedReplicas, choice);
  }

  /** Uniform load, contiguous placement. */
  public static ExpertPlacement uniform() {
    return new ExpertPlacement(Load.uniform(), 0, false);
  }

  /** Expert slots one EP rank holds per layer: (E + r + n) / ep, possibly fractional. */
  public double slotsPerRank(int experts, int ep) {
    return (experts + redundantExperts + sharedReplicas) / (double) ep;
  }

  /**
   * Why the shared-expert replicas cannot sit on whole ranks of their own, if they cannot: the E +
   * r + n slots fill the ep ranks evenly, the n replicas fill whole ranks, and ranks remain for
   * the routed slots, which fill them evenly.
   */
  public Optional<String> sharedReplicaProblem(int experts, int ep) {
    if (sharedReplicas == 0) {
      return Optional.empty();
    }
    int slots = experts + redundantExperts + sharedReplicas;
    String layout = experts + " routed experts, " + redundantExperts + " redundant and "
        + sharedReplicas + " shared-expert replicas";
    if (slots % ep != 0) {
      return Optional.of(layout + " make " + slots + " slots, which do not fill " + ep
          + " EP ranks evenly");
    }
    int perRank = slots / ep;
    if (sharedReplicas % perRank != 0) {
      return Optional.of(sharedReplicas + " shared-expert replicas do not fill whole"
          + " ranks of " + perRank + " slots (" + layout + " over " + ep + " ranks); give a"
          + " multiple of " + perRank);
    }
    if (sharedReplicas >= slots) {
      return Optional.of(layout + " leave no rank for the routed experts");
    }
    return Optional.empty();
  }

  /** EP ranks holding routed expert slots: all but the shared-expert replicas' ranks. */
  public int routedRanks(int experts, int ep) {
    if (sharedReplicas == 0) {
      return ep;
    }
    sharedReplicaProblem(experts, ep).ifPresent(problem -> {
      throw new IllegalArgumentException(problem);
    });
    int perRank = (experts + redundantExperts + sharedReplicas) / ep;
    return ep - sharedReplicas / perRank;
  }

  /**
   * The share of all the EP group's tokens one shared-expert rank computes the shared expert for:
   * its slots over the n replicas, the tokens spread evenly over the replicas (0 without them).
   */
  public double sharedRankShare(int experts, int ep) {
    if (sharedReplicas == 0) {
      return 0;
    }
    return 1.0 / (ep - routedRanks(experts, ep));
  }

  /**
   * Each EP rank's share of a layer's token-to-expert assignments, sorted busiest first and
   * averaged over {@code layers} layers (each layer's busiest rank sets that layer's time, so the
   * mean of the per-layer maxima is what a step pays). With shared-expert replicas, only the
   * ranks holding routed slots ({@link #routedRanks}), which share the routed assignments. These
   * are the expected shares; {@link #rankLoads} adds a step's finite draw.
   */
  public double[] rankShares(int experts, int allRanks, int layers, long seed) {
    return rankLoads(experts, allRanks, layers, seed).expectedShares();
  }

  /**
   * Each distinct layer's per-rank shares (one layer where the load is the same in every layer),
   * with this placement's {@link #sampling}: what a step of a given number of assignments gives
   * its busiest rank.
   */
  public RankLoads rankLoads(int experts, int allRanks, int layers, long seed) {
    int ep = routedRanks(experts, allRanks);
    if ((balanced || redundantExperts > 0) && (experts + redundantExperts) % ep != 0) {
      throw new IllegalArgumentException(
          (balanced ? "EPLB" : "SGLang's expert slots") + " need the " + experts + " experts and "
              + redundantExperts + " redundant ones to fill " + ep + " ranks evenly");
    }
    if (load instanceof Measured m && m.layers().size() > 1 && m.layers().size() != layers) {
      throw new IllegalArgumentException("the measured load has " + m.layers().size()
          + " layers; the model has " + layers + " MoE layers");
    }
    Random random = new Random(seed);
    int distinct = load.varies() ? layers : 1;
    double[][] perLayer = new double[distinct][];
    for (int layer = 0; layer < distinct; layer++) {
      double[] shares = load.shares(experts, layer, random);
      perLayer[layer] = balanced ? balance(shares, ep) : trivial(shares, ep);
    }
    return new RankLoads(perLayer, sampling);
  }

  /** Slot p holds expert p mod E on rank p x ep / (E + r); replicas share their expert evenly. */
  private double[] trivial(double[] shares, int ep) {
    int experts = shares.length;
    int slots = experts + redundantExperts;
    int[] replicas = new int[experts];
    for (int p = 0; p < slots; p++) {
      replicas[p % experts]++;
    }
    double[] ranks = new double[ep];
    for (int p = 0; p < slots; p++) {
      ranks[(int) ((long) p * ep / slots)] += shares[p % experts] / replicas[p % experts];
    }
    return ranks;
  }

  private double[] balance(double[] shares, int ep) {
    int experts = shares.length;
    int slots = experts + redundantExperts;
    if (experts % groups != 0 || ep % nodes != 0) {
      throw new IllegalArgumentException("EPLB's hierarchical policy needs the " + experts
          + " experts in " + groups + " equal groups and the " + ep + " ranks in " + nodes
          + " equal nodes");
    }
    int groupSize = experts / groups;
    double[] groupLoads = new double[groups];
    for (int e = 0; e < experts; e++) {
      groupLoads[e / groupSize] += shares[e];
    }
    int[] groupNode = pack(groupLoads, nodes);
    int ranksPerNode = ep / nodes;
    double[] ranks = new double[ep];
    for (int node = 0; node < nodes; node++) {
      List<Double> loads = new ArrayList<>();
      for (int e = 0; e < experts; e++) {
        if (groupNode[e / groupSize] == node) {
          loads.add(shares[e]);
        }
      }
      double[] slotLoads = replicate(loads, slots / nodes);
      int[] slotRank = pack(slotLoads, ranksPerNode);
      for (int i = 0; i < slotLoads.length; i++) {
        ranks[node * ranksPerNode + slotRank[i]] += slotLoads[i];
      }
    }
    return ranks;
  }

  /**
   * Fills {@code slots} slots with {@code loads}' experts: one each, then every further slot to
   * the expert with the most load per replica (the first such); each slot's load, replicas split
   * evenly ({@code eplb.py}, {@code replicate_experts}).
   */
  private static double[] replicate(List<Double> loads, int slots) {
    int[] replicas = new int[loads.size()];
    Arrays.fill(replicas, 1);
    for (int i = loads.size(); i < slots; i++) {
      int hottest = 0;
      for (int e = 1; e < loads.size(); e++) {
        if (loads.get(e) / replicas[e] > loads.get(hottest) / replicas[hottest]) {
          hottest = e;
        }
      }
      replicas[hottest]++;
    }
    double[] out = new double[slots];
    int k = 0;
    for (int e = 0; e < loads.size(); e++) {
      for (int i = 0; i < replicas[e]; i++) {
        out[k++] = loads.get(e) / replicas[e];
      }
    }
    return out;
  }

  /**
   * Packs the items onto {@code packs} packs of equally many items, heaviest first onto the least
   * loaded pack with room ({@code eplb.py}, {@code balanced_packing}); each item's pack.
   */
  private static int[] pack(double[] weights, int packs) {
    Integer[] order = new Integer[weights.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(weights[b], weights[a]));
    int capacity = weights.length / packs;
    double[] load = new double[packs];
    int[] used = new int[packs];
    int[] out = new int[weights.length];
    for (int item : order) {
      int best = -1;
      for (int p = 0; p < packs; p++) {
        if (used[p] < capacity && (best < 0 || load[p] < load[best])) {
          best = p;
        }
      }
      out[item] = best;
      load[best] += weights[item];
      used[best]++;
    }
    return out;
  }

  /** Per-expert shares of a layer's assignments. */
  public sealed interface Load permits Uniform, Measured, Zipf {
    /** The shares of MoE layer {@code layer}, summing to 1, in expert order. */
    double[] shares(int experts, int layer, Random random);

    /** Whether layers differ (drawn per layer). */
    boolean varies();

    static Load uniform() {
      return new Uniform();
    }
  }

  /** Every expert the same share. */
  public record Uniform() implements Load {
    @Override
    public double[] shares(int experts, int layer, Random random) {
      double[] s = new double[experts];
      Arrays.fill(s, 1.0 / experts);
      return s;
    }

    @Override
    public boolean varies() {
      return false;
    }
  }

  /**
   * A measured distribution: one weight per expert (any scale), either one row for every MoE layer
   * or one row per MoE layer (SGLang's {@code logical_count}: tokens routed to each expert of each
   * layer, as its expert-distribution recorder dumps them).
   *
   * @param layers one row, or a row per MoE layer in order, each of one weight per expert
   * @param source where it was measured
   */
  public record Measured(List<List<Double>> layers, String source) implements Load {
    public Measured {
      if (layers.isEmpty()) {
        throw new IllegalArgumentException("a measured load needs at least one row of weights");
      }
      List<List<Double>> copy = new ArrayList<>();
      for (int i = 0; i < layers.size(); i++) {
        List<Double> row = List.copyOf(layers.get(i));
        if (row.isEmpty() || row.stream().anyMatch(w -> !(w >= 0) || Double.isInfinite(w))
            || row.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
          throw new IllegalArgumentException("expert weights must be finite and >= 0, not all 0"
              + (layers.size() > 1 ? " (row " + i + ")" : ""));
        }
        if (row.size() != layers.get(0).size()) {
          throw new IllegalArgumentException("row " + i + " has " + row.size() + " experts; row 0"
              + " has " + layers.get(0).size());
        }
        copy.add(row);
      }
      layers = List.copyOf(copy);
    }

    /** One row of weights, the same in every MoE layer. */
    public static Measured sameInEveryLayer(List<Double> weights, String source) {
      return new Measured(List.of(weights), source);
    }

    @Override
    public double[] shares(int experts, int layer, Random random) {
      List<Double> weights = layers.get(layers.size() == 1 ? 0 : layer);
      if (weights.size() != experts) {
        throw new IllegalArgumentException(
            "the measured load has " + weights.size() + " experts; the model has " + experts);
      }
      double total = weights.stream().mapToDouble(Double::doubleValue).sum();
      return weights.stream().mapToDouble(w -> w / total).toArray();
    }

    @Override
    public boolean varies() {
      return layers.size() > 1;
    }
  }

  /**
   * A seeded skew: the i-th hottest expert's share is proportional to 1 / i^exponent, and which
   * expert is i-th is a fresh random permutation per layer.
   *
   * @param exponent s >= 0 (0: uniform)
   */
  public record Zipf(double exponent) implements Load {
    public Zipf {
      if (!(exponent >= 0)) {
        throw new IllegalArgumentException("the skew exponent must be >= 0: " + exponent);
      }
    }

    @Override
    public double[] shares(int experts, int layer, Random random) {
      double[] s = new double[experts];
      double total = 0;
      for (int i = 0; i < experts; i++) {
        s[i] = Math.pow(i + 1, -exponent);
        total += s[i];
      }
      for (int i = experts - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        double t = s[i];
        s[i] = s[j];
        s[j] = t;
      }
      for (int i = 0; i < experts; i++) {
        s[i] /= total;
      }
      return s;
    }

    @Override
    public boolean varies() {
      return true;
    }
  }
}
