package org.supernodesim.scenario.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.supernodesim.model.catalog.ModelShape;
import org.supernodesim.model.transformer.CatalogTransformers;
import org.supernodesim.model.transformer.ParameterCounts;
import org.supernodesim.model.transformer.TransformerSpec;
import org.supernodesim.model.transformer.UnsupportedShapeException;
import org.supernodesim.scenario.catalog.Catalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code catalog models}: every model with its shape and the parameters counted from it next to
 * the published total, and whether a training scenario can use it.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "The transformer models: shape, parameters counted from the shape next to the published",
      "total, and whether workload.training can use the model."
    })
final class CatalogModelsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("id", "kind", "layers", "hidden", "heads", "experts", "counted",
        "active", "published", "diff", "training"));
    List<String> unusable = new ArrayList<>();
    for (ModelShape m : Catalog.standard().models()) {
      String experts = m.moe() == null ? "-"
          : known(m.moe().routedExperts()) + " top-" + known(m.moe().expertsPerToken());
      String heads = m.attention() == null || m.attention().heads() == null ? "?"
          : String.valueOf(m.attention().heads());
      String published = m.parameters() == null || m.parameters().total() == null ? "?"
          : billions(m.parameters().total());
      TransformerSpec spec;
      try {
        spec = CatalogTransformers.toSpec(m);
      } catch (UnsupportedShapeException e) {
        rows.add(List.of(m.id(), m.kind(), known(m.layers()), known(m.hiddenSize()), heads,
            experts, "?", "?", published, "?", "no"));
        unusable.add(m.id() + ": " + e.getMessage());
        continue;
      }
      ParameterCounts counts = spec.parameterCounts();
      String diff = m.parameters() == null || m.parameters().total() == null ? "?"
          : String.format("%+.2f%%",
              100.0 * (counts.totalParameters() / (double) m.parameters().total() - 1));
      rows.add(List.of(m.id(), m.kind(), String.valueOf(spec.layers()),
          String.valueOf(spec.hiddenSize()), heads, experts, billions(counts.totalParameters()),
          billions(counts.activeParameters()), published, diff, "yes"));
    }
    out.println("Models: parameters counted from the shape (B = 10^9), MTP modules excluded;"
        + " 'catalog show ID' gives sources and the reason for any difference over 1%.");
    CatalogText.table(rows).forEach(out::println);
    for (String u : unusable) {
      out.println("not usable for training: " + u);
    }
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  private static String known(Object value) {
    return value == null ? "?" : value.toString();
  }

  /** Billions to 0.01, or millions below a billion, where 0.01 B would hide the difference. */
  private static String billions(long count) {
    return count >= 1e9 ? String.format("%.2fB", count / 1e9) : String.format("%.1fM", count / 1e6);
  }
}
