package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.supernodesim.model.chip.ChipSpec;

/**
 * One chip or system file of the catalog, as written: every figure with its unit, confidence and
 * source. Models read a chip through {@link #toChipSpec()}, which converts to SI units and says
 * where a figure was derived or is missing.
 *
 * @param kind {@value #CHIP} or {@value #SYSTEM}
 * @param id kebab-case id, equal to the file name without {@code .yaml}
 * @param aliases other names of the part in sources and device lists
 * @param chip systems only: the id of the chip they are built from
 * @param figures peaks, in file order
 * @param measured achieved values from benchmarks, for calibration, never peaks
 * @param perDie multi-die packages: figures of one die
 * @param variants bins and sister parts (not converted by {@link #toChipSpec()})
 * @param deployment reported installed counts
 * @param fabrics systems only: scale-up, scale-out, frontend and storage networks
 * @param latencies systems only: end-to-end and per-hop latencies in seconds
 * @param unverifiedClaims claims judged unusable; never values
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogEntry(
    Integer schemaVersion,
    String kind,
    String id,
    String name,
    String vendor,
    String architecture,
    String formFactor,
    List<String> aliases,
    String summary,
    String chip,
    Map<String, CatalogFigure> figures,
    Map<String, CatalogFigure> measured,
    PerDie perDie,
    List<Variant> variants,
    Map<String, CatalogFigure> deployment,
    List<Fabric> fabrics,
    Map<String, CatalogFigure> latencies,
    List<Source> sources,
    List<String> openQuestions,
    List<String> notes,
    List<String> deploymentNotes,
    List<String> unverifiedClaims,
    List<ConflictingReport> conflictingReports) {
  public static final String CHIP = "chip";
  public static final String SYSTEM = "system";

  public CatalogEntry {
    if (id == null || kind == null) {
      throw new IllegalArgumentException("a catalog entry needs an id and a kind");
    }
    aliases = Copies.list(aliases);
    figures = Copies.map(figures);
    measured = Copies.map(measured);
    variants = Copies.list(variants);
    deployment = Copies.map(deployment);
    fabrics = Copies.list(fabrics);
    latencies = Copies.map(latencies);
    sources = Copies.list(sources);
    openQuestions = Copies.list(openQuestions);
    notes = Copies.list(notes);
    deploymentNotes = Copies.list(deploymentNotes);
    unverifiedClaims = Copies.list(unverifiedClaims);
    conflictingReports = Copies.list(conflictingReports);
  }

  /** The figure named {@code key} in {@link #figures()}, or empty. */
  public Optional<CatalogFigure> figure(String key) {
    return Optional.ofNullable(figures.get(key));
  }

  /** The source a figure cites, or empty if this file does not list it. */
  public Optional<Source> source(String ref) {
    return sources.stream().filter(s -> s.id().equals(ref)).findFirst();
  }

  /**
   * Where a figure comes from, in words: "title of the source, locator". Falls back to the bare
   * ref where the file does not list it, so a citation is never lost.
   */
  public String cite(CatalogFigure figure) {
    SourceRef ref = figure.source();
    if (ref == null) {
      return "no source given";
    }
    String title = source(ref.ref()).map(Source::title).orElse(ref.ref());
    return ref.locator() == null ? title : title + ", " + ref.locator();
  }

  /** A copy that also answers to {@code more} names (names the files lack but users type). */
  public CatalogEntry withAliases(List<String> more) {
    List<String> all = new ArrayList<>(aliases);
    more.stream().filter(a -> !all.contains(a)).forEach(all::add);
    return new CatalogEntry(schemaVersion, kind, id, name, vendor, architecture, formFactor, all,
        summary, chip, figures, measured, perDie, variants, deployment, fabrics, latencies, sources,
        openQuestions, notes, deploymentNotes, unverifiedClaims, conflictingReports);
  }

  /**
   * The chip as the models see it, in SI units. See {@link ChipSpecConversion} for the rules:
   * NIC bits become bytes, a missing per-direction scale-up bandwidth is derived and marked
   * estimated, and {@code unknown} stays unknown with the document that would settle it.
   *
   * @throws IllegalArgumentException if this is not a chip, or a figure has an unexpected unit
   */
  public ChipSpec toChipSpec() {
    return ChipSpecConversion.toChipSpec(this);
  }
}
