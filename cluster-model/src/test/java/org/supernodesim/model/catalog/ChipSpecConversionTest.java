package org.supernodesim.model.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;

class ChipSpecConversionTest {
  private static final Source DOC = new Source("doc", "A Datasheet", null, "V", "2024", "vendor");

  private static CatalogFigure figure(Object value, String unit, String confidence) {
    return new CatalogFigure(value, unit, null, null, null, Confidence.ofText(confidence),
        new SourceRef("doc", "table 1"), null, null, "the datasheet", null);
  }

  private static ChipSpec chip(Map<String, CatalogFigure> figures) {
    return new CatalogEntry(1, "chip", "x", "X", "V", null, null, null, null, null, figures,
        null, null, null, null, null, null, List.of(DOC), null, null, null, null, null)
        .toChipSpec();
  }

  @Test
  void bidirectionalOnlyIsHalvedAndMarkedEstimated() {
    // Given 900 GB/s summed over both directions and no per-direction figure.
    Map<String, CatalogFigure> figures = new LinkedHashMap<>();
    figures.put("scaleUpBandwidthBidirectional", figure(9.0e11, "bytesPerSecond", "published"));
    Figure.Known k = (Figure.Known) chip(figures).figures()
        .get(ChipFigure.SCALE_UP_BANDWIDTH_PER_DIRECTION);
    // Then one direction carries 900 / 2 = 450 GB/s, an estimate that says how it was derived.
    assertEquals(4.5e11, k.value(), 0.0);
    assertEquals(Confidence.ESTIMATED, k.confidence());
    assertTrue(k.source().startsWith("derived: scaleUpBandwidthBidirectional / 2"), k.source());
    assertTrue(k.source().endsWith("A Datasheet, table 1"), k.source());
  }

  @Test
  void nicBitsBecomeBytesAndGapsStayGaps() {
    Map<String, CatalogFigure> figures = new LinkedHashMap<>();
    figures.put("scaleOutNicBandwidthPerChip", figure(2.0e11, "bitsPerSecond", "reported"));
    figures.put("tdp", figure("unknown", "watts", "unknown"));
    figures.put("fp8DenseFlops", figure("notSupported", "flopsPerSecond", "estimated"));
    ChipSpec spec = chip(figures);
    // 200 Gb/s / 8 = 25 GB/s.
    assertEquals(2.5e10, spec.require(ChipFigure.SCALE_OUT_BANDWIDTH_PER_CHIP), 0.0);
    assertEquals(new Figure.Unknown("the datasheet"), spec.figures().get(ChipFigure.TDP));
    Figure fp8 = spec.figures().get(ChipFigure.FP8_DENSE_FLOPS);
    assertInstanceOf(Figure.NotSupported.class, fp8);
    assertTrue(((Figure.NotSupported) fp8).source().contains("estimated"), fp8.toString());
    assertInstanceOf(Figure.Unknown.class, spec.figures().get(ChipFigure.HBM_BANDWIDTH));
  }

  @Test
  void aWrongUnitIsRejectedNamingChipAndFigure() {
    Map<String, CatalogFigure> figures = Map.of("tdp", figure(700.0, "kilograms", "published"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chip(figures));
    assertTrue(e.getMessage().startsWith("x: tdp: unit kilograms"), e.getMessage());
  }
}
