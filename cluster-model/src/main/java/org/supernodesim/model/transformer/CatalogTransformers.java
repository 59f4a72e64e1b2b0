package org.supernodesim.model.transformer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.supernodesim.model.catalog.ModelShape;

/**
 * Builds a {@link TransformerSpec} from a catalog {@link ModelShape} ({@code models/README.md}
 * describes the fields). The catalog repeats some facts ({@code ffn.matrices} and {@code
 * ffn.activation}, {@code moe.moeLayers} and {@code layers − moe.denseLayersFirst}, {@code
 * moe.router.paramsPerLayer}); they are checked against each other rather than trusted, so a
 * typo in a copied file fails here and not as a wrong step time.
 */
public final class CatalogTransformers {
  private CatalogTransformers() {}

  /**
   * The spec of {@code shape}.
   *
   * @throws UnsupportedShapeException listing every unpublished field, contradiction or
   *     unrepresentable feature (e.g. Qwen3-Max, whose shape is unpublished)
   */
  public static TransformerSpec toSpec(ModelShape shape) {
    return new Builder(shape).build();
  }

  /** Collects problems while reading one shape; throws them together at the end. */
  private static final class Builder {
    private final ModelShape shape;
    private final List<ShapeProblem> problems = new ArrayList<>();
    private final List<String> simplifications = new ArrayList<>();

    Builder(ModelShape shape) {
      this.shape = shape;
    }

    TransformerSpec build() {
      Integer layers = required(shape.layers(), "layers");
      Long hidden = required(shape.hiddenSize(), "hiddenSize");
      Long vocab = required(shape.vocabSize(), "vocabSize");
      Boolean tied = required(shape.tiedEmbeddings(), "tiedEmbeddings");
      NormKind norm = norm();
      PositionEncoding positions = positions();
      Attention attention = attention();
      FfnLayout ffn = ffnLayout(layers, hidden);
      int mtpModules = mtpModules();
      if (shape.outputHead() != null) {
        simplifications.add("outputHead: " + shape.outputHead()
            + "; the weight normalisation is not modelled (no parameters, elementwise work)");
      }
      if (!problems.isEmpty()) {
        throw new UnsupportedShapeException(shape.id(), problems);
      }
      try {
        return new TransformerSpec(shape.id(), vocab, hidden, layers, positions, norm, attention,
            ffn, tied, mtpModules, simplifications);
      } catch (IllegalArgumentException e) {
        throw new UnsupportedShapeException(
            shape.id(), List.of(new ShapeProblem("", e.getMessage())));
      }
    }

    private <T> T required(T value, String field) {
      if (value == null) {
        // A field path may carry a note in parentheses; the problem is about the path alone.
        int note = field.indexOf(" (");
        problem(note < 0 ? field : field.substring(0, note),
            field + " is not given (absent or null; null in the catalog means not published)");
      }
      return value;
    }

    private void problem(String field, String text) {
      problems.add(new ShapeProblem(field, text));
    }

    private void check(boolean ok, String field, String problem) {
      if (!ok) {
        problem(field, problem);
      }
    }

    private NormKind norm() {
      String norm = required(shape.norm(), "norm");
      if (norm == null) {
        return null;
      }
      switch (norm) {
        case "layernorm":
          return NormKind.LAYER_NORM;
        case "rmsnorm":
          return NormKind.RMS_NORM;
        default:
          problem("norm", "norm '" + norm + "' is not layernorm or rmsnorm");
          return null;
      }
    }

    private PositionEncoding positions() {
      String kind = required(shape.positionEmbedding(), "positionEmbedding");
      if (kind == null) {
        return null;
      }
      switch (kind) {
        case "rope":
          Double theta = shape.attention() == null ? null : shape.attention().ropeTheta();
          return required(theta, "attention.ropeTheta") == null
              ? null : new PositionEncoding.Rope(theta);
        case "learned":
          Long rows = shape.sequence() == null ? null : shape.sequence().maxPositionEmbeddings();
          return required(rows, "sequence.maxPositionEmbeddings (rows of the learned table)")
              == null ? null : new PositionEncoding.Learned(rows);
        default:
          problem("positionEmbedding", "positionEmbedding '" + kind + "' is not rope or learned");
          return null;
      }
    }

    private Attention attention() {
      ModelShape.Attention a = required(shape.attention(), "attention");
      if (a == null) {
        return null;
      }
      String kind = required(a.kind(), "attention.kind");
      Integer heads = required(a.heads(), "attention.heads");
      if (a.pattern() != null) {
        simplifications.add("attention.pattern: " + a.pattern()
            + "; modelled as dense causal attention in every layer, which over-counts"
            + " attention-score FLOPs");
      }
      if (kind == null || heads == null) {
        return null;
      }
      boolean qkvBias = Boolean.TRUE.equals(required(a.qkvBias(), "attention.qkvBias"));
      boolean outBias = Boolean.TRUE.equals(required(a.outBias(), "attention.outBias"));
      boolean qkNorm = Boolean.TRUE.equals(required(a.qkNorm(), "attention.qkNorm"));
      switch (kind) {
        case "mha":
        case "gqa": {
          Integer kvHeads = required(a.kvHeads(), "attention.kvHeads");
          Integer headDim = required(a.headDim(), "attention.headDim");
          if (kvHeads == null || headDim == null) {
            return null;
          }
          check(kind.equals("mha") == kvHeads.equals(heads), "attention.kvHeads",
              "attention.kind " + kind + " with " + heads + " heads and " + kvHeads
                  + " KV heads (mha means equal counts, gqa fewer KV heads)");
          return guarded("attention", () -> new GroupedQueryAttention(
              heads, kvHeads, headDim, qkvBias, outBias, qkNorm));
        }
        case "mla": {
          ModelShape.Mla m = required(a.mla(), "attention.mla");
          if (m == null) {
            return null;
          }
          Integer qRank = required(m.qLoraRank(), "attention.mla.qLoraRank");
          Integer kvRank = required(m.kvLoraRank(), "attention.mla.kvLoraRank");
          Integer nope = required(m.qkNopeHeadDim(), "attention.mla.qkNopeHeadDim");
          Integer rope = required(m.qkRopeHeadDim(), "attention.mla.qkRopeHeadDim");
          Integer v = required(m.vHeadDim(), "attention.mla.vHeadDim");
          if (qRank == null || kvRank == null || nope == null || rope == null || v == null) {
            return null;
          }
          check(a.headDim() == null || a.headDim() == nope + rope, "attention.headDim",
              "attention.headDim " + a.headDim() + " is not qkNopeHeadDim + qkRopeHeadDim = "
                  + (nope + rope));
          check(!qkvBias && !outBias && !qkNorm, "attention",
              "MLA with q/k/v or output biases or a per-head QK-norm is not represented");
          // attention.kvHeads is the config's num_key_value_heads (= heads); MLA has no per-head
          // KV projections to count, so it is not used (catalog: uncertain attention.kvHeads).
          return guarded("attention.mla",
              () -> new MultiHeadLatentAttention(heads, qRank, kvRank, nope, rope, v));
        }
        default:
          problem("attention.kind", "attention.kind '" + kind + "' is not mha, gqa or mla");
          return null;
      }
    }

    private Activation activation(ModelShape.Ffn f) {
      String name = required(f.activation(), "ffn.activation");
      if (name == null) {
        return null;
      }
      Activation activation;
      switch (name) {
        case "gelu":
          activation = Activation.GELU;
          break;
        case "swiglu":
          activation = Activation.SWIGLU;
          break;
        default:
          problem("ffn.activation", "ffn.activation '" + name + "' is not gelu or swiglu");
          return null;
      }
      check(f.matrices() == null || f.matrices() == activation.matrices(), "ffn.matrices",
          "ffn.matrices " + f.matrices() + " contradicts ffn.activation " + name + " ("
              + activation.matrices() + " matrices)");
      return activation;
    }

    private FfnLayout ffnLayout(Integer layers, Long hidden) {
      ModelShape.Ffn f = required(shape.ffn(), "ffn");
      String kind = required(shape.kind(), "kind");
      if (f == null || kind == null) {
        return null;
      }
      Activation activation = activation(f);
      boolean bias = Boolean.TRUE.equals(required(f.bias(), "ffn.bias"));
      switch (kind) {
        case "dense": {
          check(shape.moe() == null, "moe", "kind dense with a moe block");
          Long width = required(f.intermediateSize(), "ffn.intermediateSize");
          if (width == null || activation == null) {
            return null;
          }
          return guarded("ffn", () -> new FfnLayout.AllDense(new DenseFfn(
              new Mlp(width, activation, bias))));
        }
        case "moe":
          return moeLayout(f, activation, bias, layers, hidden);
        default:
          problem("kind", "kind '" + kind + "' is not dense or moe");
          return null;
      }
    }

    private FfnLayout moeLayout(
        ModelShape.Ffn f, Activation activation, boolean bias, Integer layers, Long hidden) {
      ModelShape.Moe m = required(shape.moe(), "moe (kind is moe)");
      if (m == null) {
        return null;
      }
      Integer experts = required(m.routedExperts(), "moe.routedExperts");
      Integer topK = required(m.expertsPerToken(), "moe.expertsPerToken");
      Integer shared = required(m.sharedExperts(), "moe.sharedExperts");
      Long expertWidth = required(m.expertIntermediateSize(), "moe.expertIntermediateSize");
      Long sharedWidth = required(m.sharedIntermediateSize(), "moe.sharedIntermediateSize");
      Integer denseFirst = required(m.denseLayersFirst(), "moe.denseLayersFirst");
      Integer frequency = required(m.layerFrequency(), "moe.layerFrequency");
      Router router = router(m.router());
      if (experts == null || topK == null || shared == null || expertWidth == null
          || sharedWidth == null || denseFirst == null || frequency == null || router == null
          || activation == null) {
        return null;
      }
      check(frequency == 1, "moe.layerFrequency", "moe.layerFrequency " + frequency
          + ": interleaved MoE layers are not represented (the catalog does not say which layers"
          + " are MoE)");
      if (layers != null) {
        check(m.moeLayers() == null || m.moeLayers() == layers - denseFirst, "moe.moeLayers",
            "moe.moeLayers " + m.moeLayers() + " is not layers - denseLayersFirst = "
                + (layers - denseFirst));
      }
      check((shared == 0) == (sharedWidth == 0), "moe.sharedIntermediateSize",
          "moe.sharedExperts " + shared + " with moe.sharedIntermediateSize " + sharedWidth
              + " (zero exactly together)");
      Long denseWidth = f.intermediateSize();
      check((denseFirst > 0) == (denseWidth != null), "ffn.intermediateSize",
          "moe.denseLayersFirst " + denseFirst + " with ffn.intermediateSize " + denseWidth
              + " (a dense FFN width exactly when some layer is dense)");
      Long routerParams = m.router() == null ? null : m.router().paramsPerLayer();
      if (hidden != null && routerParams != null) {
        long expected = experts * hidden + (router.bias() ? experts : 0);
        check(routerParams == expected, "moe.router.paramsPerLayer",
            "moe.router.paramsPerLayer " + routerParams
                + " is not routedExperts x hiddenSize (+ bias) = " + expected);
      }
      if (!problems.isEmpty()) {
        return null;
      }
      return guarded("moe", () -> {
        Optional<Mlp> sharedMlp =
            shared == 0 ? Optional.empty() : Optional.of(new Mlp(sharedWidth, activation, bias));
        MoeFfn moe = new MoeFfn(experts, topK, new Mlp(expertWidth, activation, bias), shared,
            sharedMlp, router);
        Optional<DenseFfn> dense = denseFirst == 0
            ? Optional.empty() : Optional.of(new DenseFfn(new Mlp(denseWidth, activation, bias)));
        return new FfnLayout.MoeAfterDense(denseFirst, dense, moe);
      });
    }

    private Router router(ModelShape.Router r) {
      if (required(r, "moe.router") == null) {
        return null;
      }
      String scoringName = required(r.scoring(), "moe.router.scoring");
      Boolean bias = required(r.bias(), "moe.router.bias");
      Integer groups = required(r.groups(), "moe.router.groups");
      Integer topKGroups = required(r.topKGroups(), "moe.router.topKGroups");
      if (scoringName == null || bias == null || groups == null || topKGroups == null) {
        return null;
      }
      RouterScoring scoring;
      switch (scoringName) {
        case "softmax":
          scoring = RouterScoring.SOFTMAX;
          break;
        case "softmax-over-top-k":
          scoring = RouterScoring.SOFTMAX_OVER_TOP_K;
          break;
        case "sigmoid":
          scoring = RouterScoring.SIGMOID;
          break;
        default:
          problem("moe.router.scoring", "moe.router.scoring '" + scoringName
              + "' is not softmax, softmax-over-top-k or sigmoid");
          return null;
      }
      return guarded("moe.router", () -> new Router(scoring, bias, groups, topKGroups));
    }

    private int mtpModules() {
      ModelShape.Mtp mtp = shape.mtp();
      if (mtp == null) {
        return 0;
      }
      Integer modules = required(mtp.modules(), "mtp.modules");
      check(Boolean.TRUE.equals(mtp.sharesEmbedding())
              && Boolean.TRUE.equals(mtp.sharesOutputHead()), "mtp",
          "MTP modules with their own embedding or output head are not represented (DeepSeek-V3"
              + " §2.2 shares both)");
      return modules == null ? 0 : modules;
    }

    /** Runs a record constructor, turning its validation failure into a problem of this shape. */
    private <T> T guarded(String field, java.util.function.Supplier<T> constructor) {
      try {
        return constructor.get();
      } catch (IllegalArgumentException e) {
        problem(field, e.getMessage());
        return null;
      }
    }
  }
}
