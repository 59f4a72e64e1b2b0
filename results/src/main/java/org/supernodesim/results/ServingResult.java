package org.supernodesim.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.supernodesim.results.serving.LatencyCdf;
import org.supernodesim.results.serving.LatencySeconds;
import org.supernodesim.results.serving.ServingSeries;

/**
 * What a serving run measured: latencies of completed requests, throughput, SLO attainment and how
 * the KV cache was used. Latencies are from arrival: TTFT until the first output token, TPOT the
 * mean gap between later tokens of one request ((e2e - TTFT) / (output - 1), requests of one output
 * token have none), e2e until the last token.
 *
 * @param source where the requests came from
 * @param requestsArrived requests that arrived
 * @param requestsCompleted requests that finished within the run (all of them: a run ends when the
 *     last request is done)
 * @param skippedRows trace rows skipped as unreadable (with the skip option), else 0
 * @param skippedOverlong requests dropped for exceeding the model's context (when asked), else 0
 * @param ttftSeconds time to first token
 * @param tpotSeconds time per output token after the first
 * @param e2eSeconds arrival to last token
 * @param outputTokensPerSecond output tokens over the span from the first arrival to the last
 *     completion
 * @param tokensPerSecondPerChip prompt tokens computed per second per prefilling chip, and output
 *     tokens per second per decoding chip (a unified instance's chips count in both)
 * @param sloAttainment share of requests meeting the scenario's targets
 * @param kvCacheUtilisation KV blocks in use over the blocks of all instances
 * @param prefixCacheHitRate prompt tokens found in the prefix cache over prompt tokens; absent when
 *     the requests carry no prefix hashes or caching is off
 * @param preemptions requests evicted from a running batch because the KV cache ran out
 * @param arrivalRatePerSecond requests over the span from the first to the last arrival
 * @param meanRequestsInSystem time-average of requests arrived and not finished, over the span from
 *     the first arrival to the last completion (Little's law: this equals the arrival rate times
 *     the mean e2e latency)
 * @param meanE2eSeconds mean arrival-to-last-token latency
 * @param instances each serving instance
 * @param latencyCdf the latencies' distributions, for CDF charts; absent in files written before it
 *     was recorded
 * @param timeSeries each instance over time (arrivals, steps, queue, batch, KV use, busy share);
 *     absent in files written before it was recorded
 * @param load how requests entered: {@code arrivals} (the source's times) or {@code saturate}
 *     (a fixed number in flight); absent in files written before it was recorded
 * @param steadyState throughput over the saturated window only; absent where the run has none
 * @param goodput the highest arrival rate meeting the SLO percentiles, when the scenario asks
 * @param fabric how the instances' collectives and KV transfers were timed; absent in files
 *     written before it was recorded
 * @param hostTier what the host-memory KV tier served; absent without one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServingResult(
    String source,
    long requestsArrived,
    long requestsCompleted,
    long skippedRows,
    long skippedOverlong,
    LatencySeconds ttftSeconds,
    LatencySeconds tpotSeconds,
    LatencySeconds e2eSeconds,
    double outputTokensPerSecond,
    PerChip tokensPerSecondPerChip,
    SloAttainment sloAttainment,
    Utilisation kvCacheUtilisation,
    Double prefixCacheHitRate,
    long preemptions,
    double arrivalRatePerSecond,
    double meanRequestsInSystem,
    double meanE2eSeconds,
    List<InstanceSummary> instances,
    LatencyCdf latencyCdf,
    ServingSeries timeSeries,
    String load,
    SteadyState steadyState,
    Goodput goodput,
    Fabric fabric,
    HostTierUse hostTier)
    implements WorkloadResult {
  @JsonCreator
  public ServingResult {
    instances = List.copyOf(instances);
  }

  /** A result without distributions or time series (as files written before them hold). */
  public ServingResult(
      String source,
      long requestsArrived,
      long requestsCompleted,
      long skippedRows,
      long skippedOverlong,
      LatencySeconds ttftSeconds,
      LatencySeconds tpotSeconds,
      LatencySeconds e2eSeconds,
      double outputTokensPerSecond,
      PerChip tokensPerSecondPerChip,
      SloAttainment sloAttainment,
      Utilisation kvCacheUtilisation,
      Double prefixCacheHitRate,
      long preemptions,
      double arrivalRatePerSecond,
      double meanRequestsInSystem,
      double meanE2eSeconds,
      List<InstanceSummary> instances) {
    this(
        source,
        requestsArrived,
        requestsCompleted,
        skippedRows,
        skippedOverlong,
        ttftSeconds,
        tpotSeconds,
        e2eSeconds,
        outputTokensPerSecond,
        tokensPerSecondPerChip,
        sloAttainment,
        kvCacheUtilisation,
        prefixCacheHitRate,
        preemptions,
        arrivalRatePerSecond,
        meanRequestsInSystem,
        meanE2eSeconds,
        instances,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Output tokens per second per chip of the whole deployment (every instance's chips). */
  public double outputTokensPerSecondPerChip() {
    int chips = instances.stream().mapToInt(InstanceSummary::chips).sum();
    return chips == 0 ? 0 : outputTokensPerSecond / chips;
  }

  /** Chips of every instance together. */
  public int chips() {
    return instances.stream().mapToInt(InstanceSummary::chips).sum();
  }

  @Override
  public <T> T match(Cases<T> cases) {
    return cases.serving(this);
  }

  /** Tokens per second per chip of each phase. */
  public record PerChip(double prefill, double decode) {}

  /**
   * Shares of completed requests within the targets (null where the scenario sets none).
   *
   * @param ttftTargetSeconds the TTFT target
   * @param tpotTargetSeconds the TPOT target
   * @param ttft share with TTFT within its target
   * @param tpot share with TPOT within its target (requests of one output token meet it)
   * @param both share meeting both
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SloAttainment(
      Double ttftTargetSeconds, Double tpotTargetSeconds, Double ttft, Double tpot, double both) {}

  /** Time-weighted mean and peak of a fraction. */
  public record Utilisation(double mean, double peak) {}

  /**
   * Throughput over the saturated window, ramp-up and drain left out: from the first completion
   * (before it the system fills) to the last arrival (after it the system only empties); a step
   * counts when it ends inside. The papers' and MLPerf's tokens/s mean this, not the whole-run
   * average.
   *
   * @param startSeconds the first completion
   * @param endSeconds the last arrival
   * @param outputTokensPerSecond output tokens (first and later) of the window over its length
   * @param tokensPerSecondPerChip prompt tokens per second per prefilling chip and output tokens
   *     per second per decoding chip, inside the window
   */
  public record SteadyState(
      double startSeconds, double endSeconds, double outputTokensPerSecond,
      PerChip tokensPerSecondPerChip) {}

  /**
   * The highest arrival rate whose TTFT and TPOT percentiles meet the SLO: the request source
   * replayed faster or slower (its arrival times scaled), each rate a whole run, bracketed by
   * doubling or halving and then bisected.
   *
   * @param percentile the percentile held to the targets (e.g. 90: P90 TTFT and P90 TPOT)
   * @param requestsPerSecond the highest rate found to meet it; 0 if none tried did
   * @param timeScale that rate over the source's own
   * @param probes every rate run, in the order run
   */
  public record Goodput(
      double percentile, double requestsPerSecond, double timeScale, List<Probe> probes) {
    public Goodput {
      probes = List.copyOf(probes);
    }

    /** One rate run: its percentiles and whether they met the targets. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Probe(
        double requestsPerSecond, double ttftSeconds, Double tpotSeconds, boolean meets) {}
  }

  /**
   * How an instance's collectives and KV transfers were timed.
   *
   * @param networkModel {@code analytical} or {@code flow}
   * @param collectives the method: a closed form over each group's real routes (named with its
   *     shortcut), or every transfer on the flow model
   */
  public record Fabric(String networkModel, String collectives) {}

  /**
   * The host-memory KV tier's part.
   *
   * @param hitTokens prompt tokens loaded from it instead of computed (also counted in {@code
   *     prefixCacheHitRate})
   * @param loadSeconds time the instances' steps waited for the tiers' loads, summed (the SSD
   *     tier's reads included)
   * @param ssd what the SSD tier below it served; absent without one
   */
  public record HostTierUse(
      long hitTokens,
      double loadSeconds,
      @JsonInclude(JsonInclude.Include.NON_NULL) SsdTierUse ssd) {}

  /**
   * The SSD KV tier's part.
   *
   * @param hitTokens prompt tokens loaded from it instead of computed (also counted in {@code
   *     prefixCacheHitRate})
   * @param readSeconds the part of the steps' waits spent reading them into host memory, summed
   */
  public record SsdTierUse(long hitTokens, double readSeconds) {}

  /**
   * One serving instance.
   *
   * @param id its index
   * @param role {@code unified}, {@code prefill} or {@code decode}
   * @param chips its chips
   * @param firstChip the rank of its first chip in the cluster
   * @param weightBytesPerChip weights one chip holds
   * @param kvCapacityTokens tokens of KV cache it holds
   * @param kvBlocks KV blocks of {@code blockTokens} tokens
   * @param steps forward steps it ran
   * @param busyFraction share of the run's span it spent in steps
   * @param requests requests it admitted (a preempted request counts again)
   * @param peakBatch the most requests in one step
   * @param memoryPerChip what one chip holds, by part: weights layer by layer, its KV cache and
   *     a step's activations
   * @param nonGemmKernelFraction of one chip's kernel time over its steps, the share of the
   *     memory-bound kernels between the GEMMs (norms, rotary, activation quantisation,
   *     SiLU-and-mul, router top-k, MoE permutes)
   * @param expertLoad how its busiest EP rank's load was priced; absent without expert
   *     parallelism and in files written before it was recorded
   */
  public record InstanceSummary(
      int id,
      String role,
      int chips,
      int firstChip,
      double weightBytesPerChip,
      MemoryPerChip memoryPerChip,
      long kvCapacityTokens,
      long kvBlocks,
      long steps,
      double busyFraction,
      long requests,
      int peakBatch,
      double nonGemmKernelFraction,
      @JsonInclude(JsonInclude.Include.NON_NULL) ExpertLoad expertLoad) {}

  /**
   * The busiest EP rank's load over the mean rank's, which sets a MoE layer's time.
   *
   * @param sampling {@code binomial}: each step's busiest rank is the expected maximum of its
   *     micro-batch's finite draw of assignments; {@code none}: every step takes the expected
   *     shares
   * @param expectedBusiestOverMean at the expected shares (an infinite batch), averaged over the
   *     layers
   * @param busiestOverMeanAtTokenBudget at one draw of the scheduler's token budget's
   *     assignments (what the receive buffer is sized for; under two-batch overlap a step draws
   *     two micro-batches of half, each a little busier): the expected share with the draw's
   *     spread where sampled
   */
  public record ExpertLoad(
      String sampling, double expectedBusiestOverMean, double busiestOverMeanAtTokenBudget) {}

  /**
   * One chip of an instance, in bytes: its weights counted layer by layer (the fullest pipeline
   * stage and EP rank), its share of the KV cache, and a step's activations at the scheduler's
   * token budget.
   *
   * @param attentionBytes attention projections / tp
   * @param denseFfnBytes dense FFN layers / tp
   * @param sharedExpertBytes MoE shared experts / tp
   * @param routedExpertBytes the routed expert slots of the fullest EP rank (with redundant ones)
   * @param embeddingAndHeadBytes embedding and output head / tp
   * @param normsAndRoutersBytes norms and router gates
   * @param kvCacheBytes the KV cache it holds
   * @param activationBytes a step's activations and logits
   */
  public record MemoryPerChip(
      double attentionBytes,
      double denseFfnBytes,
      double sharedExpertBytes,
      double routedExpertBytes,
      double embeddingAndHeadBytes,
      double normsAndRoutersBytes,
      double kvCacheBytes,
      double activationBytes) {}
}
