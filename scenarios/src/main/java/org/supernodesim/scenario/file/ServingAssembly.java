package org.supernodesim.scenario.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.supernodesim.interconnect.network.AnalyticalNetwork;
import org.supernodesim.interconnect.routing.Route;
import org.supernodesim.interconnect.routing.Router;
import org.supernodesim.interconnect.topology.Topology;
import org.supernodesim.model.calibration.ComputeCalibration;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.model.chip.MissingFigureException;
import org.supernodesim.model.chip.Precision;
import org.supernodesim.model.fabric.LinkSpec;
import org.supernodesim.model.transformer.FfnLayout;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.workload.inference.FabricCosts;
import org.supernodesim.workload.inference.HostTier;
import org.supernodesim.workload.inference.Load;
import org.supernodesim.scenario.file.ServingSections.InstanceSection;
import org.supernodesim.scenario.file.ServingSections.LengthSection;
import org.supernodesim.scenario.file.ServingSections.Overlong;
import org.supernodesim.scenario.file.ServingSections.RequestsSection;
import org.supernodesim.scenario.file.ServingSections.SchedulerSection;
import org.supernodesim.scenario.file.ServingSections.ServingSection;
import org.supernodesim.scenario.file.ServingSections.SyntheticSection;
import org.supernodesim.workload.cost.ComputeCostModel;
import org.supernodesim.workload.inference.Batch;
import org.supernodesim.workload.inference.ChipRoutes;
import org.supernodesim.workload.inference.CommunicationSms;
import org.supernodesim.workload.inference.CommunicationPricer;
import org.supernodesim.workload.inference.EpAllToAll;
import org.supernodesim.workload.inference.ExpertPlacement;
import org.supernodesim.workload.inference.InstanceLayout;
import org.supernodesim.workload.inference.LengthDistribution;
import org.supernodesim.workload.inference.Request;
import org.supernodesim.workload.inference.RequestTrace;
import org.supernodesim.workload.inference.Role;
import org.supernodesim.workload.inference.SchedulerLimits;
import org.supernodesim.workload.inference.ServingOptions;
import org.supernodesim.workload.inference.Speculation;
import org.supernodesim.workload.inference.StepCostModel;
import org.supernodesim.workload.inference.SyntheticRequests;
import org.supernodesim.workload.sharding.ShardingRules;

/**
 * Turns {@code workload.serving} into a {@link ServingWorkload}: the requests read, each instance
 * group's layout checked (the same sharding rules as training, and placement within scale-up
 * domains) and priced on the scenario's chip and fabric. Nothing here simulates; each failure names
 * its key.
 */
final class ServingAssembly {
  static final String PATH = "workload.serving";

  private final ModelSources models;
  private final Path baseDirectory;

  ServingAssembly(ModelSources models, Path baseDirectory) {
    this.models = models;
    this.baseDirectory = baseDirectory;
  }

  /** The chips, their calibration and the fabric the instances are placed and priced on. */
  record Chips(ChipSpec chip, ComputeCalibration calibration, Topology topology) {}

  ServingWorkload assemble(ServingSection s, Chips chips, long seed) {
    ResolvedModel resolved = models.resolve(s.model(), PATH + ".model");
    TransformerSpec model = resolved.spec();
    SchedulerSection sc = s.scheduler();
    RequestTrace trace = withinContext(requests(s.requests(), seed), s, resolved);
    if (sc.prefixCaching() && trace.prefixBlockTokens() % sc.blockSize() != 0) {
      throw new InvalidInput(
          PATH + ".scheduler.blockSize",
          sc.blockSize()
              + " does not divide"
              + " the trace's prefix blocks of "
              + trace.prefixBlockTokens()
              + " tokens");
    }
    List<InstanceSection> sections = s.instances();
    checkRoles(sections);
    checkRoleSchedulers(sc, sections);
    if (s.goodput() != null) {
      if (s.requests().load() == ServingSections.LoadMode.SATURATE) {
        throw new InvalidInput(PATH + ".goodput", "scales the arrival times; it needs"
            + " requests.load: arrivals, not saturate");
      }
      var rs = trace.requests();
      if (rs.size() < 2 || rs.get(rs.size() - 1).arrivalPicos() == rs.get(0).arrivalPicos()) {
        throw new InvalidInput(PATH + ".goodput", "needs requests arriving over time; these "
            + rs.size() + " arrive at one instant");
      }
    }
    // In double: a count or a size near 2^31 must read as too many chips, not wrap around.
    double needed = 0;
    for (InstanceSection i : sections) {
      needed += (double) i.count() * i.tp() * i.pp() * i.dpAttention();
    }
    int clusterChips = chips.topology().chips();
    if (needed > clusterChips) {
      throw new InvalidInput(
          PATH + ".instances",
          "the instances take "
              + String.format(java.util.Locale.ROOT, "%.0f", needed)
              + " chips; the cluster has "
              + clusterChips);
    }
    Pricing pricing = new Pricing(
        model, s.weights(), s.kvCache(), chips, sc.memoryFraction(), seed, baseDirectory);
    long longest = longestRequestTokens(trace);
    List<ServingWorkload.InstancePlan> plans = new ArrayList<>();
    int first = 0;
    for (int i = 0; i < sections.size(); i++) {
      String path = PATH + ".instances[" + i + "]";
      InstanceSection section = sections.get(i);
      InstanceLayout layout = layout(section, path, model);
      Placement.check(chips.topology(), first, section.count(), layout, path);
      ServingWorkload.InstancePlan plan =
          pricing.plan(section, layout, first, path, limits(sc, section, layout));
      long blockTokens = plan.kvCapacityTokens() / sc.blockSize() * sc.blockSize();
      if (blockTokens < longest) {
        throw new InvalidInput(
            path,
            String.format(
                "the longest request needs %d tokens of KV cache; a %s instance holds %d (%d blocks"
                    + " of %d); give it more chips (tp, pp, ep) or HBM",
                longest,
                plan.role().label(),
                blockTokens,
                blockTokens / sc.blockSize(),
                sc.blockSize()));
      }
      plans.add(plan);
      first += section.count() * layout.chips();
    }
    return new ServingWorkload(
        trace,
        model,
        s.weights(),
        s.kvCache(),
        plans,
        sc.memoryFraction(),
        s.router().policy(),
        s.router().loadSlack(),
        s.slo().ttft() == null ? null : s.slo().ttft().picos() / 1e12,
        s.slo().tpot() == null ? null : s.slo().tpot().picos() / 1e12,
        s.requests().load() == ServingSections.LoadMode.SATURATE
            ? new Load.Saturate(s.requests().inFlight())
            : new Load.Arrivals(),
        s.goodput() == null ? null : s.goodput().percentile(),
        hostTier(sc, trace, model, s.kvCache()));
  }

  /** The host tier in prefix blocks of the trace: its bytes over a block's KV. */
  private static HostTier hostTier(
      SchedulerSection sc, RequestTrace trace, TransformerSpec model, Precision kvCache) {
    ServingSections.KvTierSection t = sc.kvTier();
    if (t == null) {
      return HostTier.NONE;
    }
    String path = PATH + ".scheduler.kvTier";
    if (!sc.prefixCaching() || trace.prefixBlockTokens() == 0) {
      throw new InvalidInput(path, "keeps evicted prefix blocks; it needs prefixCaching and a"
          + " trace with prefix hashes (mooncake)");
    }
    double blockBytes = (double) trace.prefixBlockTokens() * model.kvCacheElementsPerToken()
        * kvCache.bytes();
    HostTier.Tier host = new HostTier.Tier(blocks(t.capacity(), blockBytes, path),
        t.bandwidth().bytesPerSecond(), t.latency().picos());
    ServingSections.SsdTierSection ssd = t.ssd();
    if (ssd == null) {
      return new HostTier(host, HostTier.Tier.NONE);
    }
    return new HostTier(host, new HostTier.Tier(blocks(ssd.capacity(), blockBytes, path + ".ssd"),
        ssd.bandwidth().bytesPerSecond(), ssd.latency().picos()));
  }

  /** Prefix blocks a tier of {@code capacity} holds; at least one, or refused at the key. */
  private static long blocks(Quantities.DataSize capacity, double blockBytes, String path) {
    long blocks = (long) (capacity.bytes() / blockBytes);
    if (blocks < 1) {
      throw new InvalidInput(path + ".capacity", capacity.text() + " holds no prefix block of"
          + String.format(" %.0f bytes", blockBytes));
    }
    return blocks;
  }

  /**
   * An instance's scheduler limits: its role's section over the shared one; a batch cap per chip
   * times the instance's chips.
   */
  private static SchedulerLimits limits(
      SchedulerSection sc, InstanceSection section, InstanceLayout layout) {
    var role = sc.forRole(section.role());
    return new SchedulerLimits(role.maxBatch(layout.chips()), role.tokenBudget(),
        role.chunkedPrefill(), sc.blockSize(), sc.prefixCaching());
  }

  /** A role's scheduler section is refused where no instance has that role. */
  private static void checkRoleSchedulers(SchedulerSection sc, List<InstanceSection> sections) {
    for (Role role : List.of(Role.PREFILL, Role.DECODE)) {
      boolean given = role == Role.PREFILL ? sc.prefill() != null : sc.decode() != null;
      if (given && sections.stream().noneMatch(i -> i.role() == role)) {
        throw new InvalidInput(PATH + ".scheduler." + role.label(), "sets the limits of "
            + role.label() + " instances; this deployment has none (roles: "
            + String.join(", ", sections.stream().map(i -> i.role().label()).distinct().toList())
            + ")");
      }
    }
  }

  /** Unified instances, or prefill and decode instances (disaggregated); not a mix. */
  private static void checkRoles(List<InstanceSection> sections) {
    boolean unified = sections.stream().anyMatch(i -> i.role() == Role.UNIFIED);
    boolean prefill = sections.stream().anyMatch(i -> i.role() == Role.PREFILL);
    boolean decode = sections.stream().anyMatch(i -> i.role() == Role.DECODE);
    if ((prefill || decode) && (unified || !prefill || !decode)) {
      throw new InvalidInput(
          PATH + ".instances",
          "serve with unified instances, or with prefill"
              + " and decode instances (disaggregated); not a mix");
    }
  }

  /** The section's layout, cut as training would cut the model: whole heads, whole experts. */
  private static InstanceLayout layout(InstanceSection s, String path, TransformerSpec model) {
    ShardingRules.tensorParallel(model, s.tp())
        .ifPresent(
            problem -> {
              throw new InvalidInput(path + ".tp", problem);
            });
    int replicas = s.experts().sharedReplicas();
    if (replicas > 0) {
      if (!(model.ffn() instanceof FfnLayout.MoeAfterDense m)
          || m.moe().sharedMlp().isEmpty()) {
        throw new InvalidInput(path + ".experts.sharedReplicas", model.id() + " has no shared"
            + " expert to replicate");
      }
      new ExpertPlacement(ExpertPlacement.Load.uniform(), s.experts().redundant(), false, 1, 1,
              replicas)
          .sharedReplicaProblem(m.moe().routedExperts(), s.ep())
          .ifPresent(problem -> {
            throw new InvalidInput(path + ".experts.sharedReplicas", problem);
          });
      if (s.ep() != s.tp() * s.dpAttention()) {
        throw new InvalidInput(path + ".experts.sharedReplicas", "shared-expert replicas sit on"
            + " ranks of their own; they need ep equal to tp x dpAttention = "
            + s.tp() * s.dpAttention() + ", not " + s.ep());
      }
      if (s.epAllToAll() != EpAllToAll.DIRECT) {
        throw new InvalidInput(path + ".experts.sharedReplicas", "shared-expert replicas are"
            + " priced with the direct all-to-all; use epAllToAll: direct");
      }
    }
    ShardingRules.expertParallel(model, s.ep())
        .filter(problem -> !((s.experts().redundant() > 0 || replicas > 0)
            && model.ffn() instanceof FfnLayout.MoeAfterDense m
            && (m.moe().routedExperts() + s.experts().redundant())
                % routedRanks(m.moe().routedExperts(), s) == 0))
        .map(problem -> s.experts().redundant() > 0
            ? problem + " with " + s.experts().redundant() + " redundant experts"
            : problem + "; EPLB's redundant experts (experts: {eplb: true, redundant: r}) can"
                + " fill the ranks evenly")
        .ifPresent(
            problem -> {
              throw new InvalidInput(path + ".ep", problem);
            });
    if (s.pp() > model.layers()) {
      throw new InvalidInput(path + ".pp", s.pp() + " stages for " + model.layers() + " layers");
    }
    try {
      return new InstanceLayout(s.tp(), s.pp(), s.ep(), s.dpAttention());
    } catch (IllegalArgumentException e) {
      throw new InvalidInput(path + ".ep", e.getMessage());
    }
  }

  /** EP ranks holding routed slots: all but the shared-expert replicas' (checked before). */
  private static int routedRanks(int experts, InstanceSection s) {
    return new ExpertPlacement(ExpertPlacement.Load.uniform(), s.experts().redundant(), false, 1,
        1, s.experts().sharedReplicas()).routedRanks(experts, s.ep());
  }

  private static long longestRequestTokens(RequestTrace trace) {
    long longest = 0;
    for (Request r : trace.requests()) {
      longest = Math.max(longest, (long) r.promptTokens() + r.outputTokens());
    }
    return longest;
  }

  /**
   * Each group's step costs and KV capacity. An instance's collectives (TP all-reduce, EP
   * all-to-all) see its first chip's links of the tier its route to the next chip starts on, all
   * used at once (an NVSwitch port; 7 HCCS links of a full mesh; 7 UB planes), with that route's
   * latency per step; a KV transfer takes the route between the instances (priced when it runs).
   */
  private static final class Pricing {
    private final TransformerSpec model;
    private final Precision weights;
    private final Precision kvCache;
    private final Chips chips;
    private final double memoryFraction;
    private final long seed;
    private final ComputeCostModel compute;
    private final ChipRoutes routes;
    private final Path baseDirectory;

    Pricing(
        TransformerSpec model,
        Precision weights,
        Precision kvCache,
        Chips chips,
        double memoryFraction,
        long seed,
        Path baseDirectory) {
      this.model = model;
      this.baseDirectory = baseDirectory;
      this.weights = weights;
      this.kvCache = kvCache;
      this.chips = chips;
      this.memoryFraction = memoryFraction;
      this.seed = seed;
      try {
        this.compute = new ComputeCostModel(chips.chip(), chips.calibration());
      } catch (MissingFigureException e) {
        throw new InvalidInput("cluster.chip", e.getMessage());
      }
      // The routes as the cost model sees them (node.serving.Routes adapts them the same way for
      // the run; scenario.file may not import the engine).
      Router router = new Router(chips.topology());
      this.routes = new ChipRoutes() {
        @Override
        public int port(int from, int to) {
          return router.route(from, to).links().get(0).index();
        }

        @Override
        public double bytesPerSecond(int from, int to) {
          return router.pairBytesPerSecond(from, to);
        }

        @Override
        public long latencyPicos(int from, int to) {
          return router.route(from, to).latencyPicos();
        }

        @Override
        public int domain(int chip) {
          return router.topology().domainOf(chip);
        }
      };
    }

    ServingWorkload.InstancePlan plan(
        InstanceSection s, InstanceLayout layout, int firstChip, String path,
        SchedulerLimits limits) {
      // The collectives on the instance's own chips and routes (each instance of the group
      // reprices them on its chips when it runs; this prices the first).
      FabricCosts fabric =
          layout.chips() > 1 ? new FabricCosts(routes, firstChip, layout) : null;
      StepCostModel costs;
      ServingOptions options;
      ExpertPlacement.Load load = load(s.experts().load(), path + ".experts.load.measured");
      ExpertPlacement placement = placement(s, load, layout, firstChip, path);
      try {
        options = options(s, placement, communicationSms(s, path));
      } catch (IllegalArgumentException e) {
        throw new InvalidInput(path + ".communicationSms", e.getMessage());
      }
      try {
        costs = new StepCostModel(
            model, layout, weights, kvCache, compute, fabric, options, seed);
      } catch (IllegalArgumentException e) {
        String key = e.getMessage().startsWith("deepep-normal") ? ".epAllToAll"
            : s.speculative() != null ? ".speculative" : ".experts";
        throw new InvalidInput(path + key, e.getMessage());
      }
      ChipSpec chip = chips.chip();
      try {
        // One prefill and one decode step price every figure a run will ask the chip for.
        costs.step(Batch.prefill(1));
        costs.step(Batch.decode(1, 1));
      } catch (MissingFigureException e) {
        throw missingFigure(e, chip);
      } catch (IllegalArgumentException e) {
        // The all-to-all's layout on the fabric (deepep-normal needs whole nodes).
        throw new InvalidInput(path + ".epAllToAll", e.getMessage());
      }
      long kvTokens;
      try {
        kvTokens = costs.kvCapacityTokens(
                chip.require(ChipFigure.HBM_CAPACITY), memoryFraction, limits.tokenBudget(),
                limits.maxBatch());
      } catch (MissingFigureException e) {
        throw new InvalidInput("cluster.chip", e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new InvalidInput(path, e.getMessage());
      }
      return new ServingWorkload.InstancePlan(
          s.role(), s.count(), layout, costs, kvTokens, limits);
    }

    /** The SMs the instance's all-to-all kernels hold, of the chip's (from the catalog). */
    private CommunicationSms communicationSms(InstanceSection s, String path) {
      if (s.communicationSms() == null) {
        return CommunicationSms.none();
      }
      ChipSpec chip = chips.chip();
      if (!(chip.figures().get(ChipFigure.STREAMING_MULTIPROCESSORS) instanceof Figure.Known k)) {
        throw new InvalidInput(path + ".communicationSms", chip.id() + " has no "
            + ChipFigure.STREAMING_MULTIPROCESSORS.key() + " in the catalog, so the SMs its"
            + " GEMMs keep are unknown; give it as cluster.chip.streamingMultiprocessors, or leave"
            + " communicationSms out");
      }
      return new CommunicationSms(s.communicationSms(), (int) Math.round(k.value()));
    }

    /** The section's expert load: uniform, Zipf, or measured inline or in a file. */
    private ExpertPlacement.Load load(ServingSections.ExpertLoadSection l, String keyPath) {
      if (l.zipf() != null) {
        return new ExpertPlacement.Zipf(l.zipf());
      }
      if (l.file() != null) {
        return ExpertLoadFiles.read(baseDirectory, l.file(), l.source(), keyPath, model);
      }
      if (l.measured() != null) {
        return ExpertPlacement.Measured.sameInEveryLayer(
            ServingSections.ExpertLoadSection.weights(l.measured()), l.source());
      }
      return ExpertPlacement.Load.uniform();
    }

    /**
     * Where the instance's expert slots go: EPLB's global or hierarchical policy ({@code
     * experts.eplbPolicy}; hierarchical packs the model's expert groups onto the nodes, the
     * scale-up domains, the instance's EP group spans), or SGLang's trivial placement.
     */
    private ExpertPlacement placement(
        InstanceSection s, ExpertPlacement.Load load, InstanceLayout layout, int firstChip,
        String path) {
      ServingSections.ExpertsSection x = s.experts();
      int groups = model.ffn() instanceof FfnLayout.MoeAfterDense m
          ? m.moe().router().groups() : 1;
      // The nodes the routed slots span (shared-expert replicas take the last ranks).
      int routed = layout.ep() > 1 && model.ffn() instanceof FfnLayout.MoeAfterDense moe
          ? routedRanks(moe.moe().routedExperts(), s) * layout.expertTensorParallel()
          : layout.stageChips();
      int nodes = (int) java.util.stream.IntStream.range(firstChip, firstChip + routed)
          .map(routes::domain).distinct().count();
      boolean divides = nodes > 1 && groups % nodes == 0;
      if (x.eplb() && x.eplbPolicy() == ServingSections.EplbPolicy.HIERARCHICAL && !divides) {
        throw new InvalidInput(path + ".experts.eplbPolicy", "hierarchical packs whole expert"
            + " groups onto nodes: " + model.id() + "'s " + groups + " groups over the " + nodes
            + " nodes of the EP group do not divide; use global or auto");
      }
      boolean hierarchical = x.eplb() && divides
          && x.eplbPolicy() != ServingSections.EplbPolicy.GLOBAL;
      try {
        return hierarchical
            ? new ExpertPlacement(load, x.redundant(), true, nodes, groups, x.sharedReplicas(),
                x.sampling())
            : new ExpertPlacement(load, x.redundant(), x.eplb(), 1, 1, x.sharedReplicas(),
                x.sampling());
      } catch (IllegalArgumentException e) {
        throw new InvalidInput(path + ".experts", e.getMessage());
      }
    }

    private static ServingOptions options(
        InstanceSection s, ExpertPlacement placement, CommunicationSms sms) {
      Speculation speculation = s.speculative() == null
          ? Speculation.none()
          : new Speculation(s.speculative().drafts(), s.speculative().acceptance());
      return new ServingOptions(s.overlap(), speculation,
          placement, s.dispatch(),
          s.combine(), s.epAllToAll(), sms);
    }

    private InvalidInput missingFigure(MissingFigureException e, ChipSpec chip) {
      boolean notSupported = chip.figures().get(e.figure()) instanceof Figure.NotSupported;
      // The catalog gives FP4 rates only for the chips that have FP4 tensor cores (B200, GB200).
      if (notSupported || e.figure() == ChipFigure.FP4_DENSE_FLOPS) {
        List<String> valid = new ArrayList<>();
        for (Precision p : Precision.values()) {
          if (chip.has(p.peak())) {
            valid.add(p.label());
          }
        }
        return new InvalidInput(
            PATH + ".weights",
            chip.id()
                + " has no "
                + e.figure().key()
                + (notSupported ? " (not supported)" : " in the catalog")
                + ", so it cannot multiply these weights; valid here: "
                + String.join(", ", valid));
      }
      return new InvalidInput("cluster.chip", e.getMessage());
    }
  }

  private RequestTrace requests(RequestsSection r, long seed) {
    RequestTrace trace;
    if (r.trace() != null) {
      trace =
          TraceFiles.read(baseDirectory, r, seed).from(r.start() == null ? 0 : r.start().picos());
    } else {
      SyntheticSection s = r.synthetic();
      trace =
          new SyntheticRequests(s.rate(), s.cv(), s.count(), length(s.prompt()), length(s.output()))
              .generate(seed);
    }
    RequestTrace scaled =
        trace.scaled(r.timeScale(), r.window() == null ? Long.MAX_VALUE : r.window().picos());
    if (scaled.requests().isEmpty()) {
      throw new InvalidInput(
          PATH + ".requests.window",
          "no request arrives within the window"
              + (r.start() == null ? "" : " after start " + r.start().text()));
    }
    return scaled;
  }

  /** Refuses, or drops when asked, the requests longer than the model's context window. */
  private RequestTrace withinContext(RequestTrace trace, ServingSection s, ResolvedModel resolved) {
    TransformerSpec model = resolved.spec();
    var context = resolved.contextTokens();
    if (context.isEmpty()) {
      return trace;
    }
    long tokens = context.getAsLong();
    var first = trace.firstLongerThan(tokens);
    if (first.isEmpty()) {
      return trace;
    }
    if (s.requests().overlong() == Overlong.SKIP) {
      RequestTrace kept = trace.withoutLongerThan(tokens);
      if (kept.requests().isEmpty()) {
        throw new InvalidInput(
            PATH + ".requests",
            "every request is longer than " + model.id() + "'s context of " + tokens + " tokens");
      }
      return kept;
    }
    Request r = first.get();
    throw new InvalidInput(
        PATH + ".requests",
        String.format(
            "request %d (arriving at %.3f s) needs %d + %d tokens, beyond %s's context of %d"
                + " tokens; drop such requests with workload.serving.requests.overlong: skip",
            r.id(),
            r.arrivalPicos() / 1e12,
            r.promptTokens(),
            r.outputTokens(),
            model.id(),
            tokens));
  }

  private static LengthDistribution length(LengthSection s) {
    if (s.fixed() != null) {
      return new LengthDistribution.Fixed(s.fixed());
    }
    if (s.uniform() != null) {
      return new LengthDistribution.Uniform(s.uniform().min(), s.uniform().max());
    }
    return new LengthDistribution.LogNormal(
        s.logNormal().mean(), s.logNormal().cv(), s.logNormal().max());
  }
}
