package org.supernodesim.model.huggingface;

import java.util.ArrayList;
import java.util.List;
import org.supernodesim.model.catalog.ModelShape;
import org.supernodesim.model.transformer.CatalogTransformers;
import org.supernodesim.model.transformer.TransformerSpec;

/**
 * A {@code config.json} read as a catalog shape, with what the simulator leaves out of that
 * architecture in words (e.g. GPT-NeoX's parallel residual runs as two sequential sub-blocks).
 *
 * @param shape the shape, in the catalog schema, its {@code sources} naming each key read
 * @param simplifications where the simulated model departs from the file's architecture
 */
public record HuggingFaceModel(ModelShape shape, List<String> simplifications) {
  public HuggingFaceModel {
    simplifications = List.copyOf(simplifications);
  }

  /**
   * The spec the simulator runs: the shape through {@link CatalogTransformers#toSpec}, which
   * checks it as it checks a catalog file, with this file's simplifications added.
   *
   * @throws org.supernodesim.model.transformer.UnsupportedShapeException if the shape cannot be
   *     represented
   */
  public TransformerSpec toSpec() {
    TransformerSpec spec = CatalogTransformers.toSpec(shape);
    List<String> all = new ArrayList<>(spec.simplifications());
    all.addAll(simplifications);
    return new TransformerSpec(spec.id(), spec.vocabSize(), spec.hiddenSize(), spec.layers(),
        spec.positions(), spec.norm(), spec.attention(), spec.ffn(), spec.tiedEmbeddings(),
        spec.mtpModules(), all);
  }
}
