package org.supernodesim.scenario.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.supernodesim.model.chip.ChipFigure;
import org.supernodesim.scenario.catalog.Catalog;
import org.supernodesim.workload.inference.StepCostModel;

/**
 * The decode GEMMs SGLang runs outside DeepGEMM against DeepSeek's decode profile
 * (github.com/deepseek-ai/profile-data, decode.json: EP128, TP1, 128 tokens a micro-batch, H800,
 * the H100's compute and HBM), as tabulated per layer and micro-batch by zdszero.github.io ("D4
 * Profile", Computer/Artificial_Intelligence/deepseek_profile.html, column "h800 ds prof", whole
 * microseconds): the absorbed W^UK and W^UV, {@code torch.bmm} in BF16 (cuBLAS), 16 and 15 us; the
 * router gate, a BF16 GEMM of 7168 x 256 (cuBLAS), 6 us and its split-K reduce 2 us.
 *
 * <p>SGLang's {@code forward_absorb} runs W^UK and W^UV as {@code torch.bmm} over the 128 heads;
 * with DeepSeek-V3's 128 x 128 block-scaled FP8 checkpoint on CUDA it dequantises them to BF16
 * at load ({@code block_quant_dequant}; the FP8 DeepGEMM batched path only under
 * SGL_USE_DEEPGEMM_BMM, default false). Per head and token W^UK reads the query's 128 no-RoPE
 * elements and writes a 512-wide latent, W^UV the reverse, so at 128 tokens the activations are
 * as many bytes as the weights: each 37.7 MB in BF16 at 3.35 TB/s x 0.80, 14.1 us, above the
 * compute (2.1 GFLOP on the one matmul curve at 128: 6.1 us). Each within 15 % of the profile
 * (whole microseconds), pinned to 3 %. The router's 3.7 MB in BF16 take 1.4 us, its compute
 * 1.0 us; the profile's 6 + 2 us are cuBLAS's split-K choice for a GEMM of 256 columns and its
 * extra kernel, which the roofline does not model: pinned to 3 % and asserted 4-8x short.
 */
class DeepSeekDecodeProfileGemmTest {
  @Test
  void absorbedBatchedGemmsAndTheRouterAgainstDeepSeeksDecodeProfile() {
    DeepSeekDecodeProfileNonGemmTest.assertTheProfilesH800StreamsAsTheH100();
    Catalog catalog = Catalog.standard();
    StepCostModel decode = SglangDeepSeekValidationTest.instance(1);
    int gpus = decode.layout().chips();
    StepCostModel.DecodeGemms g = decode.decodeGemms(128.0 * gpus);
    double query = g.absorbedQueryPicos() / 1e6;
    double value = g.absorbedValuePicos() / 1e6;
    double router = g.routerPicos() / 1e6;
    String figures = String.format("W_UK %.2f us (profile 16), W_UV %.2f us (15), router %.2f us"
        + " (6 + 2)", query, value, router);

    double hbm = catalog.chip("nvidia-h100-sxm").require(ChipFigure.HBM_BANDWIDTH) * 0.80;
    double bmmBytes = 128.0 * (128 * 128 + 128 * 512 + 128 * 512) * 2;
    assertEquals(bmmBytes / hbm * 1e6, query, 0.01, figures);
    assertEquals(bmmBytes / hbm * 1e6, value, 0.01, figures);
    assertEquals(1, query / 16, 0.15, "W_UK within 15 %: " + figures);
    assertEquals(1, value / 15, 0.15, "W_UV within 15 %: " + figures);
    assertEquals(14.09, query, 0.03 * 14.09, figures);
    assertEquals(14.09, value, 0.03 * 14.09, figures);

    assertEquals((7168.0 * 256 + 256) * 2 / hbm * 1e6, router, 0.01, figures);
    double short_ = 8 / router;
    assertEquals(6, short_, 2, "the router 4-8x short of the profile: " + figures);
    assertEquals(1.37, router, 0.03 * 1.37, figures);
  }
}
