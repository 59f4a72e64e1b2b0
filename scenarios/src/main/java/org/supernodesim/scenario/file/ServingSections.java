package org.supernodesim.scenario.file;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.scenario.file.Quantities.TimeSpan;
import org.supernodesim.workload.inference.EpAllToAll;
import org.supernodesim.workload.inference.ExpertSampling;
import org.supernodesim.workload.inference.Overlap;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.RoutingPolicy;
import org.supernodesim.workload.inference.TraceColumns.ArrivalUnit;
import org.supernodesim.workload.inference.TraceFormat;

/**
 * The {@code workload.serving:} section: an inference-serving workload. One record per mapping,
 * defaults in the compact constructors, as in {@link Sections}.
 */
final class ServingSections {
  private ServingSections() {}

  /**
   * {@code workload.serving:} a model served from a request source on instances; the model is
   * named, written inline or read from a Hugging Face config, as for training ({@link
   * ModelSources}).
   */
  record ServingSection(
      @JsonProperty(required = true) JsonNode model,
      Precision weights,
      Precision kvCache,
      @JsonProperty(required = true) RequestsSection requests,
      @JsonProperty(required = true) List<InstanceSection> instances,
      SchedulerSection scheduler,
      RouterSection router,
      SloSection slo,
      GoodputSection goodput) implements Sections.WorkloadSection {
    ServingSection {
      weights = weights == null ? Precision.BF16 : weights;
      kvCache = kvCache == null ? Precision.BF16 : kvCache;
      if (instances.isEmpty()) {
        throw new InvalidInput("instances", "empty; serving needs at least one instance group");
      }
      instances = List.copyOf(instances);
      scheduler = scheduler == null ? SchedulerSection.defaults() : scheduler;
      router = router == null ? new RouterSection(null, null) : router;
      slo = slo == null ? new SloSection(null, null) : slo;
      if (goodput != null && slo.ttft() == null && slo.tpot() == null) {
        throw new InvalidInput("goodput", "searches the highest rate meeting the SLO; give"
            + " slo.ttft, slo.tpot or both");
      }
    }
  }

  /**
   * {@code requests:} a trace file (path relative to the scenario file) or a synthetic process;
   * exactly one. A trace's format and columns are read by {@link TraceFiles}.
   */
  record RequestsSection(
      String trace,
      TraceFormat format,
      ColumnsSection columns,
      TimeSpan start,
      Double timeScale,
      TimeSpan window,
      Boolean skipBadRows,
      Overlong overlong,
      SyntheticSection synthetic,
      LoadMode load,
      Integer inFlight) {
    RequestsSection {
      overlong = overlong == null ? Overlong.REFUSE : overlong;
      load = load == null ? LoadMode.ARRIVALS : load;
      if (load == LoadMode.SATURATE && (inFlight == null || inFlight < 1)) {
        throw new InvalidInput("inFlight", (inFlight == null ? "missing" : inFlight.toString())
            + "; load: saturate holds inFlight requests in the system, at least 1");
      }
      if (load == LoadMode.ARRIVALS && inFlight != null) {
        throw new InvalidInput("inFlight", "applies to load: saturate; with load: arrivals the"
            + " source's arrival times set the load");
      }
      if ((trace == null) == (synthetic == null)) {
        throw new InvalidInput(trace == null ? "trace" : "synthetic",
            "give exactly one of trace (a file) and synthetic (a random process)");
      }
      if (trace == null && (format != null || columns != null || start != null)) {
        throw new InvalidInput(format != null ? "format" : columns != null ? "columns" : "start",
            "describes a trace file; a synthetic process has none");
      }
      timeScale = timeScale == null ? 1.0 : timeScale;
      if (!(timeScale > 0) || timeScale.isInfinite()) {
        throw new InvalidInput("timeScale", timeScale + "; replay k times faster needs k > 0");
      }
      skipBadRows = skipBadRows != null && skipBadRows;
    }
  }

  /** {@code requests.load:} how requests enter the system. */
  enum LoadMode {
    /** At the source's arrival times. */
    ARRIVALS("arrivals"),
    /**
     * A fixed number in flight, {@code inFlight}: the source gives the lengths, each completion
     * lets the next in (MLPerf Inference Offline; the papers' fixed-concurrency measurements).
     */
    SATURATE("saturate");

    private final String label;

    LoadMode(String label) {
      this.label = label;
    }

    @JsonValue
    String label() {
      return label;
    }
  }

  /** {@code requests.overlong:} what to do with a request beyond the model's context. */
  enum Overlong {
    /** Such a request stops the run with an error naming it. */
    REFUSE("refuse"),
    /** Such requests are dropped and counted in the result. */
    SKIP("skip");

    private final String label;

    Overlong(String label) {
      this.label = label;
    }

    @JsonValue
    String label() {
      return label;
    }
  }

  /**
   * {@code columns:} which columns of a CSV trace (format csv) hold the arrival, in which unit
   * (default s), and the prompt and output lengths.
   */
  record ColumnsSection(
      @JsonProperty(required = true) String arrival,
      ArrivalUnit arrivalUnit,
      @JsonProperty(required = true) String input,
      @JsonProperty(required = true) String output) {
    ColumnsSection {
      arrivalUnit = arrivalUnit == null ? ArrivalUnit.SECONDS : arrivalUnit;
    }
  }

  /** {@code synthetic:} gamma (cv 1: Poisson) arrivals at a rate, with length distributions. */
  record SyntheticSection(
      @JsonProperty(required = true) Double rate,
      Double cv,
      @JsonProperty(required = true) Integer count,
      @JsonProperty(required = true) LengthSection prompt,
      @JsonProperty(required = true) LengthSection output) {
    SyntheticSection {
      cv = cv == null ? 1.0 : cv;
      if (!(rate > 0) || rate.isInfinite()) {
        throw new InvalidInput("rate", rate + "; requests per second must be > 0");
      }
      if (!(cv > 0) || cv.isInfinite()) {
        throw new InvalidInput(
            "cv", cv + "; the coefficient of variation must be > 0 (1: Poisson)");
      }
      if (count < 1) {
        throw new InvalidInput("count", count + "; at least 1 request");
      }
    }
  }

  /** A token-length distribution: a number (fixed), or one of fixed, uniform, logNormal. */
  record LengthSection(Integer fixed, UniformSection uniform, LogNormalSection logNormal) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    LengthSection {
      int given = (fixed == null ? 0 : 1) + (uniform == null ? 0 : 1) + (logNormal == null ? 0 : 1);
      if (given != 1) {
        throw new InvalidInput("fixed",
            "give exactly one of fixed: N, uniform: {min, max}, logNormal: {mean, cv, max}");
      }
      if (fixed != null && fixed < 1) {
        throw new InvalidInput("fixed", fixed + "; a length needs at least 1 token");
      }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static LengthSection ofFixed(int tokens) {
      return new LengthSection(tokens, null, null);
    }
  }

  /** Uniform whole numbers in [min, max]. */
  record UniformSection(
      @JsonProperty(required = true) Integer min, @JsonProperty(required = true) Integer max) {
    UniformSection {
      if (min < 1 || max < min) {
        throw new InvalidInput("max", "uniform needs 1 <= min <= max, got " + min + ", " + max);
      }
    }
  }

  /** Log-normal of a mean and coefficient of variation, capped at max. */
  record LogNormalSection(
      @JsonProperty(required = true) Double mean,
      @JsonProperty(required = true) Double cv,
      @JsonProperty(required = true) Integer max) {
    LogNormalSection {
      if (!(mean >= 1) || !(cv > 0) || max < 1) {
        throw new InvalidInput("mean", "logNormal needs mean >= 1, cv > 0 and max >= 1");
      }
    }
  }

  /**
   * {@code instances[i]:} identical instances of one role and layout, and what they do beyond
   * plain batching: {@code overlap} ({@code none}, {@code two-batch}), {@code speculative} (MTP
   * drafts), {@code experts} (expert load and EPLB), {@code dispatch} and {@code combine} (the
   * precisions of the EP all-to-all), {@code epAllToAll} ({@code direct}, {@code deepep-normal}:
   * how it reaches the experts' GPUs), {@code communicationSms} (the SMs DeepEP's normal kernels
   * hold beside two-batch overlap's prefill GEMMs).
   */
  record InstanceSection(
      Role role,
      Integer count,
      Integer tp,
      Integer pp,
      Integer ep,
      Integer dpAttention,
      Overlap overlap,
      SpeculativeSection speculative,
      ExpertsSection experts,
      Precision dispatch,
      Precision combine,
      EpAllToAll epAllToAll,
      Integer communicationSms) {
    InstanceSection {
      if (communicationSms != null && communicationSms < 1) {
        throw new InvalidInput("communicationSms", communicationSms + "; at least 1 SM (leave"
            + " communicationSms out for none)");
      }
      overlap = overlap == null ? Overlap.NONE : overlap;
      epAllToAll = epAllToAll == null ? EpAllToAll.DIRECT : epAllToAll;
      dispatch = dispatch == null ? Precision.BF16 : dispatch;
      combine = combine == null ? Precision.BF16 : combine;
      experts = experts == null ? new ExpertsSection(null, null, null, null, null, null) : experts;
      role = role == null ? Role.UNIFIED : role;
      count = count == null ? 1 : count;
      tp = tp == null ? 1 : tp;
      pp = pp == null ? 1 : pp;
      ep = ep == null ? 1 : ep;
      dpAttention = dpAttention == null ? 1 : dpAttention;
      if (count < 1) {
        throw new InvalidInput("count", count + "; at least 1 instance");
      }
      for (int v : new int[] {tp, pp, ep, dpAttention}) {
        if (v < 1) {
          throw new InvalidInput("tp", "tp, pp, ep and dpAttention must be >= 1");
        }
      }
    }
  }

  /**
   * {@code speculative:} multi-token prediction drafts verified by the main model (DeepSeek-V3
   * §2.2, §5.4.3): {@code drafts} per step and the {@code acceptance} rate, one for every
   * position or one per position.
   */
  record SpeculativeSection(
      @JsonProperty(required = true) Integer drafts,
      @JsonProperty(required = true)
          @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          List<Double> acceptance) {
    SpeculativeSection {
      if (drafts < 1) {
        throw new InvalidInput("drafts", drafts + "; at least 1 draft token (leave speculative out"
            + " for none)");
      }
      if (acceptance.size() != 1 && acceptance.size() != drafts) {
        throw new InvalidInput("acceptance", acceptance.size() + " rates; give one, or one per"
            + " draft (" + drafts + ")");
      }
      for (Double a : acceptance) {
        if (a == null || !(a >= 0 && a <= 1)) {
          throw new InvalidInput("acceptance", a + "; a rate lies in [0, 1]");
        }
      }
      acceptance = List.copyOf(acceptance);
    }
  }

  /**
   * {@code experts:} the routed experts' load ({@code uniform}, {@code {zipf: s}} seeded from the
   * scenario's seed, or {@code {measured: [w0, w1, ...] | file.json, source: "..."}}), EPLB
   * placement ({@code eplb: true}) and its {@code redundant} expert slots per layer (without EPLB,
   * SGLang's trivial placement: slot p holds expert p mod E), and {@code sharedReplicas}: slots
   * on ranks of their own that hold the shared expert(s) as an always-selected routed expert
   * (DeepSeek-V3 §3.4.2; CloudMatrix-Infer's EP320), 0 (default) for shared experts on every rank,
   * and {@code sampling}: {@code binomial} (default) prices each step's busiest EP rank at the
   * finite draw of its micro-batch's assignments, {@code none} at the expected shares ({@link
   * ExpertSampling}).
   */
  record ExpertsSection(
      ExpertLoadSection load, Boolean eplb, EplbPolicy eplbPolicy, Integer redundant,
      Integer sharedReplicas, ExpertSampling sampling) {
    ExpertsSection {
      sampling = sampling == null ? ExpertSampling.BINOMIAL : sampling;
      load = load == null ? new ExpertLoadSection(null, null, null) : load;
      eplb = eplb != null && eplb;
      eplbPolicy = eplbPolicy == null ? EplbPolicy.AUTO : eplbPolicy;
      redundant = redundant == null ? 0 : redundant;
      if (redundant < 0) {
        throw new InvalidInput("redundant", redundant + "; redundant expert slots are >= 0");
      }
      sharedReplicas = sharedReplicas == null ? 0 : sharedReplicas;
      if (sharedReplicas < 0) {
        throw new InvalidInput("sharedReplicas", sharedReplicas + "; shared-expert replicas are"
            + " >= 0 (0: the shared experts run on every rank)");
      }
    }
  }

  /**
   * {@code experts.eplbPolicy:} how EPLB places the expert slots (github.com/deepseek-ai/EPLB,
   * {@code eplb.py}, {@code rebalance_experts}).
   */
  enum EplbPolicy {
    /**
     * Hierarchical where the model's expert groups divide evenly over the nodes the instance's EP
     * group spans (more than one), else global: {@code eplb.py}'s rule, which SGLang's EPLB ran
     * as it stood for the large-EP blog ({@code sglang/srt/managers/deepseek_eplb.py}) and runs
     * under {@code --eplb-algorithm auto}.
     */
    AUTO("auto"),
    /** Replicate and pack over all ranks at once ({@code --eplb-algorithm deepseek} today). */
    GLOBAL("global"),
    /** Groups packed onto nodes, then replicated and packed within each node. */
    HIERARCHICAL("hierarchical");

    private final String label;

    EplbPolicy(String label) {
      this.label = label;
    }

    @JsonValue
    String label() {
      return label;
    }
  }

  /**
   * {@code experts.load:} {@code uniform}, {@code {zipf: s}} or {@code {measured, source}}, where
   * {@code measured} is one weight per expert (the same in every MoE layer) or a JSON file,
   * relative to the scenario's folder, holding SGLang's {@code {"logical_count": [[...], ...]}}
   * (tokens per expert, a row per layer; {@link ExpertLoadFiles}).
   */
  record ExpertLoadSection(Double zipf, JsonNode measured, String source) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    ExpertLoadSection {
      if (zipf != null && measured != null) {
        throw new InvalidInput("zipf", "give one of uniform, {zipf: s}, {measured: [...]}");
      }
      if (zipf != null && !(zipf >= 0 && zipf < 100)) {
        throw new InvalidInput("zipf", zipf + "; the skew exponent lies in [0, 100)");
      }
      if (measured != null && (source == null || source.isBlank())) {
        throw new InvalidInput("source", "a measured expert load needs its source");
      }
      if (measured != null && !measured.isTextual() && weights(measured) == null) {
        throw new InvalidInput("measured", "one weight >= 0 per expert, not all 0, or the path of"
            + " a JSON file with SGLang's logical_count");
      }
    }

    /** The weights written inline, or null where {@code node} is not a valid list of them. */
    static List<Double> weights(JsonNode node) {
      if (!node.isArray() || node.isEmpty()) {
        return null;
      }
      List<Double> weights = new java.util.ArrayList<>();
      double total = 0;
      for (JsonNode w : node) {
        if (!w.isNumber() || !(w.asDouble() >= 0) || Double.isInfinite(w.asDouble())) {
          return null;
        }
        weights.add(w.asDouble());
        total += w.asDouble();
      }
      return total > 0 ? weights : null;
    }

    /** The file named, relative to the scenario's folder, or null for inline weights. */
    String file() {
      return measured != null && measured.isTextual() ? measured.asText() : null;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ExpertLoadSection ofName(String name) {
      if (!"uniform".equals(name)) {
        throw new InvalidInput("load", name + "; valid: uniform, {zipf: s},"
            + " {measured: [...] or file.json, source: ...}");
      }
      return new ExpertLoadSection(null, null, null);
    }
  }

  /**
   * {@code scheduler:} each instance's batching limits and KV cache; {@code prefill:} and {@code
   * decode:} override the batching limits for instances of that role (SGLang's and Mooncake's
   * prefill and decode servers are configured apart: a prefill server runs few long prompts under
   * a large token budget, a decode server many requests of one token each).
   */
  record SchedulerSection(
      Integer maxBatch,
      Integer maxBatchPerChip,
      Integer tokenBudget,
      Boolean chunkedPrefill,
      Integer blockSize,
      Boolean prefixCaching,
      Double memoryFraction,
      RoleSchedulerSection prefill,
      RoleSchedulerSection decode,
      KvTierSection kvTier) {
    static final int DEFAULT_MAX_BATCH = 256;
    static final int DEFAULT_TOKEN_BUDGET = 8192;
    static final int DEFAULT_BLOCK_SIZE = 16;
    static final double DEFAULT_MEMORY_FRACTION = 0.9;

    SchedulerSection {
      if (maxBatch != null && maxBatchPerChip != null) {
        throw new InvalidInput("maxBatchPerChip", "give maxBatch (per instance) or"
            + " maxBatchPerChip (times the instance's chips), not both");
      }
      maxBatch = maxBatch == null && maxBatchPerChip == null ? DEFAULT_MAX_BATCH : maxBatch;
      tokenBudget = tokenBudget == null ? DEFAULT_TOKEN_BUDGET : tokenBudget;
      chunkedPrefill = chunkedPrefill == null || chunkedPrefill;
      blockSize = blockSize == null ? DEFAULT_BLOCK_SIZE : blockSize;
      prefixCaching = prefixCaching == null || prefixCaching;
      memoryFraction = memoryFraction == null ? DEFAULT_MEMORY_FRACTION : memoryFraction;
      if (maxBatch != null && maxBatch < 1) {
        throw new InvalidInput("maxBatch", maxBatch + "; at least 1 request per step");
      }
      if (maxBatchPerChip != null && maxBatchPerChip < 1) {
        throw new InvalidInput("maxBatchPerChip", maxBatchPerChip + "; at least 1 request per"
            + " step per chip");
      }
      if (tokenBudget < 1) {
        throw new InvalidInput("tokenBudget", tokenBudget + "; at least 1 token per step");
      }
      if (blockSize < 1) {
        throw new InvalidInput("blockSize", blockSize + "; at least 1 token per KV block");
      }
      if (!(memoryFraction > 0 && memoryFraction <= 1)) {
        throw new InvalidInput("memoryFraction", memoryFraction
            + "; the share of HBM for weights and KV cache is in (0, 1]");
      }
    }

    /** A scheduler of the defaults. */
    static SchedulerSection defaults() {
      return new SchedulerSection(null, null, null, null, null, null, null, null, null, null);
    }

    /** The batching limits of an instance of {@code chips} chips in {@code role}'s section. */
    RoleSchedulerSection forRole(org.supernodesim.workload.inference.Role role) {
      RoleSchedulerSection shared =
          new RoleSchedulerSection(maxBatch, maxBatchPerChip, tokenBudget, chunkedPrefill);
      RoleSchedulerSection own = switch (role) {
        case PREFILL -> prefill;
        case DECODE -> decode;
        case UNIFIED -> null;
      };
      return own == null ? shared : own.over(shared);
    }
  }

  /**
   * {@code scheduler.kvTier:} a host-memory KV tier per prefill or unified instance (Mooncake's
   * DRAM pool): the figures are the scenario's own, as the catalog has no host-link figures it
   * could take them from (it lists the H100's host interface as text: PCIe Gen5 x16, 128 GB/s
   * both directions). {@code ssd:} an optional SSD tier below it (Mooncake's SSD pool, DeepSeek's
   * 3FS KVCache), with its own capacity per instance, read bandwidth per chip and latency.
   */
  record KvTierSection(
      @JsonProperty(required = true) Quantities.DataSize capacity,
      @JsonProperty(required = true) Quantities.Bandwidth bandwidth,
      TimeSpan latency,
      SsdTierSection ssd) {
    KvTierSection {
      latency = latency == null ? new TimeSpan(0, "0 s") : latency;
      if (capacity.bytes() < 1) {
        throw new InvalidInput("capacity", capacity.text() + "; a tier holds at least 1 byte");
      }
    }
  }

  /**
   * {@code scheduler.kvTier.ssd:} the SSD tier under the host-memory tier: its {@code capacity}
   * per instance, one chip's share of its read {@code bandwidth}, and the {@code latency} of a
   * read (default 0).
   */
  record SsdTierSection(
      @JsonProperty(required = true) Quantities.DataSize capacity,
      @JsonProperty(required = true) Quantities.Bandwidth bandwidth,
      TimeSpan latency) {
    SsdTierSection {
      latency = latency == null ? new TimeSpan(0, "0 s") : latency;
      if (capacity.bytes() < 1) {
        throw new InvalidInput("capacity", capacity.text() + "; a tier holds at least 1 byte");
      }
    }
  }

  /**
   * {@code scheduler.prefill:} or {@code scheduler.decode:} the batching limits of that role's
   * instances; what it leaves out comes from {@code scheduler:}.
   */
  record RoleSchedulerSection(
      Integer maxBatch, Integer maxBatchPerChip, Integer tokenBudget, Boolean chunkedPrefill) {
    RoleSchedulerSection {
      if (maxBatch != null && maxBatchPerChip != null) {
        throw new InvalidInput("maxBatchPerChip", "give maxBatch (per instance) or"
            + " maxBatchPerChip (times the instance's chips), not both");
      }
      for (Integer v : new Integer[] {maxBatch, maxBatchPerChip, tokenBudget}) {
        if (v != null && v < 1) {
          throw new InvalidInput(v == maxBatch ? "maxBatch" : v == tokenBudget ? "tokenBudget"
              : "maxBatchPerChip", v + "; must be >= 1");
        }
      }
    }

    /** These settings, the missing ones from {@code shared}. */
    RoleSchedulerSection over(RoleSchedulerSection shared) {
      boolean ownBatch = maxBatch != null || maxBatchPerChip != null;
      return new RoleSchedulerSection(
          ownBatch ? maxBatch : shared.maxBatch(),
          ownBatch ? maxBatchPerChip : shared.maxBatchPerChip(),
          tokenBudget != null ? tokenBudget : shared.tokenBudget(),
          chunkedPrefill != null ? chunkedPrefill : shared.chunkedPrefill());
    }

    /** Requests per step of an instance of {@code chips} chips. */
    int maxBatch(int chips) {
      return maxBatch != null ? maxBatch
          : (int) Math.min(Integer.MAX_VALUE, (long) maxBatchPerChip * chips);
    }
  }

  /** {@code router:} how requests are spread over instances. */
  record RouterSection(RoutingPolicy policy, Integer loadSlack) {
    static final int DEFAULT_LOAD_SLACK = 4;

    RouterSection {
      policy = policy == null ? RoutingPolicy.LEAST_LOADED : policy;
      loadSlack = loadSlack == null ? DEFAULT_LOAD_SLACK : loadSlack;
      if (loadSlack < 0) {
        throw new InvalidInput("loadSlack", loadSlack + "; must be >= 0");
      }
    }
  }

  /** {@code slo:} latency targets that {@code sloAttainment} is measured against. */
  record SloSection(TimeSpan ttft, TimeSpan tpot) {}

  /**
   * {@code goodput:} search the highest arrival rate whose TTFT and TPOT {@code percentile}
   * (default 90, DistServe's attainment goal) meet {@code slo}; the source's arrival times are
   * scaled, each rate a whole run.
   */
  record GoodputSection(Double percentile) {
    static final double DEFAULT_PERCENTILE = 90;

    GoodputSection {
      percentile = percentile == null ? DEFAULT_PERCENTILE : percentile;
      if (!(percentile > 0 && percentile <= 100)) {
        throw new InvalidInput("percentile", percentile + "; a percentile is in (0, 100]");
      }
    }
  }
}
