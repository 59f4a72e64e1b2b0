package org.supernodesim.scenario.file;

import java.util.OptionalLong;
import org.supernodesim.model.catalog.ModelShape;
import org.supernodesim.model.transformer.ParameterCounts;
import org.supernodesim.model.transformer.TransformerSpec;

/**
 * A scenario's {@code model:} after resolution: the shape as written (catalog, inline or mapped
 * from a Hugging Face file) and the spec the simulator runs.
 *
 * @param shape the shape in the catalog schema: its sequence lengths and stated parameter counts
 * @param spec the validated spec
 * @param origin where the model came from, in words: {@code catalog}, {@code inline}, or the
 *     config file read
 * @param stated the parameter counts the user or the source states, to print beside the counted
 */
record ResolvedModel(
    ModelShape shape, TransformerSpec spec, String origin, StatedParameters stated) {

  /** Total and active parameters as stated (published, or written in the scenario). */
  record StatedParameters(OptionalLong total, OptionalLong active) {
    static final StatedParameters NONE =
        new StatedParameters(OptionalLong.empty(), OptionalLong.empty());

    static StatedParameters of(ModelShape.Parameters p) {
      if (p == null) {
        return NONE;
      }
      return new StatedParameters(
          p.total() == null ? OptionalLong.empty() : OptionalLong.of(p.total()),
          p.active() == null ? OptionalLong.empty() : OptionalLong.of(p.active()));
    }
  }

  /** The pre-training sequence length the shape states, if any. */
  OptionalLong pretrainTokens() {
    var s = shape.sequence();
    return s == null || s.pretrain() == null ? OptionalLong.empty() : OptionalLong.of(s.pretrain());
  }

  /** The context window the shape states, if any. */
  OptionalLong contextTokens() {
    var s = shape.sequence();
    return s == null || s.context() == null ? OptionalLong.empty() : OptionalLong.of(s.context());
  }

  /** The counted parameters beside the stated ones. */
  ModelSummary summary(String keyPath) {
    ParameterCounts counts = spec.parameterCounts();
    return new ModelSummary(keyPath, spec.id(), origin, counts.totalParameters(),
        counts.activeParameters(), stated.total(), stated.active());
  }
}
