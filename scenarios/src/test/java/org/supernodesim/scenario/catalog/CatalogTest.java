package org.supernodesim.scenario.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.supernodesim.model.catalog.CatalogEntry;
import org.supernodesim.model.catalog.CatalogFigure;
import org.supernodesim.model.catalog.Fabric;
import org.supernodesim.model.catalog.ModelShape;
import org.supernodesim.model.catalog.Variant;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.model.chip.ChipSpec;
import org.supernodesim.model.chip.Confidence;
import org.supernodesim.model.chip.Figure;
import org.supernodesim.model.chip.MissingFigureException;

class CatalogTest {
  private final Catalog catalog = Catalog.standard();

  @Test
  void aChipOrSystemReadAloneByItsIdEqualsTheOneOfTheWholeCatalog() {
    // Each fresh catalog reads one file for a name that is an id; the whole catalog reads all.
    Catalog whole = Catalog.load(Catalog.class.getClassLoader());
    for (CatalogEntry chip : whole.chips()) {
      Catalog fresh = Catalog.load(Catalog.class.getClassLoader());
      assertEquals(whole.chip(chip.id()), fresh.chip(chip.id().toUpperCase()), chip.id());
    }
    for (CatalogEntry system : whole.systems()) {
      Catalog fresh = Catalog.load(Catalog.class.getClassLoader());
      assertEquals(system, fresh.system(system.id()), system.id());
      for (String alias : system.aliases()) {
        assertEquals(system, Catalog.load(Catalog.class.getClassLoader()).system(alias), alias);
      }
    }
  }

  @Test
  void everyFileOfTheIndexLoads() {
    // 13 chips, 9 systems, 17 model files holding 34 models (ten in megatron-sc21.yaml, seven in
    // gpt3-family.yaml, three in llama-2.yaml), prices, and the two READMEs: the counts the
    // catalog's READMEs state.
    assertEquals(42, catalog.files().size(), "files in index.txt");
    for (String file : catalog.files()) {
      assertNotNull(getClass().getClassLoader().getResource(Catalog.ROOT + file), file);
    }
    assertEquals(13, catalog.chips().size(), "chips");
    assertEquals(9, catalog.systems().size(), "systems");
    assertEquals(34, catalog.models().size(), "models");
    assertEquals(12, catalog.prices().chipHourPrices().size(), "chip-hour prices");
    assertSame(catalog, Catalog.standard(), "loaded once");
  }

  @Test
  void everyChipConvertsAndEveryCitedSourceIsListed() {
    List<String> dangling = new ArrayList<>();
    for (CatalogEntry entry : concat(catalog.chips(), catalog.systems())) {
      ChipSpec unused = entry.kind().equals(CatalogEntry.CHIP) ? entry.toChipSpec() : null;
      List<Map<String, CatalogFigure>> blocks = new ArrayList<>(List.of(
          entry.figures(), entry.measured(), entry.latencies(), entry.deployment()));
      entry.fabrics().stream().map(Fabric::figures).forEach(blocks::add);
      entry.variants().stream().map(Variant::figures).forEach(blocks::add);
      if (entry.perDie() != null) {
        blocks.add(entry.perDie().figures());
      }
      // (Every figure's confidence is a level the README defines: the catalog binds it as one.)
      for (Map<String, CatalogFigure> block : blocks) {
        block.forEach((key, f) -> {
          if (f.source() != null && entry.source(f.source().ref()).isEmpty()) {
            dangling.add(entry.id() + "." + key + " -> " + f.source().ref());
          }
        });
      }
    }
    assertEquals(List.of(), dangling, "every source.ref names an entry of its file's sources");
    assertEquals(13, catalog.chipSpecs().size());
  }

  @Test
  void h100FiguresAreTheWhitepapersAndTheDgxNics() {
    ChipSpec h100 = catalog.chip("nvidia-h100-sxm");
    // 989.4 TFLOPS dense BF16 (whitepaper table) = 9.894e14 flop/s.
    assertEquals(9.894e14, h100.require(ChipFigure.BF16_DENSE_FLOPS), 0.0);
    Figure.Known bf16 = (Figure.Known) h100.figures().get(ChipFigure.BF16_DENSE_FLOPS);
    assertEquals(Confidence.PUBLISHED, bf16.confidence());
    assertTrue(bf16.source().startsWith("NVIDIA H100 Tensor Core GPU Architecture"), bf16.source());
    // One 400 Gb/s ConnectX-7 per GPU: 4e11 b/s / 8 bits per byte = 5e10 B/s.
    assertEquals(5e10, h100.require(ChipFigure.SCALE_OUT_BANDWIDTH_PER_CHIP), 0.0);
  }

  @Test
  void ascend910cScaleUpIsPerDirectionAndItsTdpIsUnknown() {
    ChipSpec ascend = catalog.chip("ascend-910c");
    // CloudMatrix paper: 392 GB/s unidirectional UB bandwidth per NPU (14 x 28 GB/s).
    assertEquals(3.92e11, ascend.require(ChipFigure.SCALE_UP_BANDWIDTH_PER_DIRECTION), 0.0);
    Figure tdp = ascend.figures().get(ChipFigure.TDP);
    assertInstanceOf(Figure.Unknown.class, tdp);
    assertTrue(((Figure.Unknown) tdp).needed().contains("Atlas"), tdp.toString());
    MissingFigureException e =
        assertThrows(MissingFigureException.class, () -> ascend.require(ChipFigure.TDP));
    assertEquals(ChipFigure.TDP, e.figure());
  }

  @Test
  void a100HasNoFp8() {
    // chips/nvidia-a100-sxm-80gb.yaml: fp8DenseFlops: notSupported (no FP8 row on the datasheet).
    assertInstanceOf(Figure.NotSupported.class,
        catalog.chip("nvidia-a100-sxm-80gb").figures().get(ChipFigure.FP8_DENSE_FLOPS));
  }

  @Test
  void chipsWithoutAPerDirectionFigureGetAnEstimateThatSaysSo() {
    // cambricon-mlu590 has only scaleUpBandwidthUnspecified = 372 GB/s: taken as is, estimated.
    Figure.Known mlu = (Figure.Known) catalog.chip("cambricon-mlu590").figures()
        .get(ChipFigure.SCALE_UP_BANDWIDTH_PER_DIRECTION);
    assertEquals(3.72e11, mlu.value(), 0.0);
    assertEquals(Confidence.ESTIMATED, mlu.confidence());
    assertTrue(mlu.source().contains("scaleUpBandwidthUnspecified"), mlu.source());
    // metax-c500: unspecified and unknown, so the spec says what document is needed.
    assertInstanceOf(Figure.Unknown.class, catalog.chip("metax-c500").figures()
        .get(ChipFigure.SCALE_UP_BANDWIDTH_PER_DIRECTION));
  }

  @Test
  void namesAreIdsOrAliasesInAnyCase() {
    assertEquals("nvidia-h100-sxm", catalog.chip("H100").id());
    assertEquals("nvidia-h100-sxm", catalog.chip("h100 sxm5 80gb").id());
    assertEquals("nvidia-h100-sxm", catalog.chip("NVIDIA-H100-SXM").id());
    assertEquals("atlas-800t-a2", catalog.system("ascend-910b-8").id());
    assertTrue(catalog.system("atlas-800t-a2").aliases().contains("ascend-910b-8"));
    assertEquals("ascend-910c", catalog.entry("ascend-910c").id());
    assertEquals("cloudmatrix384", catalog.entry("CloudMatrix384").id());
    assertEquals("deepseek-v3", catalog.model("DeepSeek-R1").id());
  }

  @Test
  void anUnknownNameListsTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> catalog.chip("H1OO"));
    assertTrue(e.getMessage().startsWith("no chip named 'H1OO'; valid chips: "), e.getMessage());
    for (String id : List.of("ascend-910c", "nvidia-h100-sxm", "metax-c600", "h100")) {
      assertTrue(e.getMessage().contains(id), id + " in: " + e.getMessage());
    }
    IllegalArgumentException any =
        assertThrows(IllegalArgumentException.class, () -> catalog.entry("nvl72"));
    assertTrue(any.getMessage().contains("gb200-nvl72"), any.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> catalog.model("gpt-5"))
        .getMessage().contains("llama-3.1-405b"));
  }

  @Test
  void modelShapesLoadAsWritten() {
    // deepseek-v3.yaml: 61 layers, h = 7168, MLA kv rank 512, 256 routed + 1 shared, top-8,
    // 671B total / 37B active; the null-laden qwen3-max loads with its shape unknown.
    ModelShape v3 = catalog.model("deepseek-v3");
    assertEquals(61, v3.layers());
    assertEquals(7168L, v3.hiddenSize());
    assertEquals(512, v3.attention().mla().kvLoraRank());
    assertEquals(256, v3.moe().routedExperts());
    assertEquals(8, v3.moe().expertsPerToken());
    assertEquals(671_000_000_000L, v3.parameters().total());
    assertEquals(37_000_000_000L, v3.parameters().active());
    assertEquals(4096L, v3.sequence().defaultTokens());
    assertEquals(671026419200L, ((Number) v3.paramsCheck().get("computedTotal")).longValue());
    ModelShape max = catalog.model("qwen3-max");
    assertEquals(null, max.layers());
    assertFalse(max.unknown().isEmpty());
    // Megatron's file-wide sources apply to each of its ten models.
    assertTrue(catalog.modelFile("megatron-sc21-1t").sourcesOf(catalog.model("megatron-sc21-1t"))
        .containsKey("publishedRun.gpus"));
    assertEquals(List.of("deepseek-v3", "gpt3-1.3b", "gpt3-125m", "gpt3-13b", "gpt3-175b"),
        catalog.models().stream().map(ModelShape::id).filter(id -> id.startsWith("d")
            || id.startsWith("gpt3-1")).collect(Collectors.toList()), "sorted by id");
  }

  private static List<CatalogEntry> concat(List<CatalogEntry> a, List<CatalogEntry> b) {
    List<CatalogEntry> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
