/**
 * Transformer models as the simulator computes with them: an immutable, validated {@link
 * org.supernodesim.model.transformer.TransformerSpec} (attention {@link
 * org.supernodesim.model.transformer.GroupedQueryAttention} or {@link
 * org.supernodesim.model.transformer.MultiHeadLatentAttention}; FFN layout {@link
 * org.supernodesim.model.transformer.FfnLayout.AllDense} or {@link
 * org.supernodesim.model.transformer.FfnLayout.MoeAfterDense}), built from a catalog shape by
 * {@link org.supernodesim.model.transformer.CatalogTransformers#toSpec}, with parameter counts
 * ({@link org.supernodesim.model.transformer.ParameterCounts}), forward FLOPs per token ({@link
 * org.supernodesim.model.transformer.ForwardFlops}) and Megatron-LM's closed forms ({@link
 * org.supernodesim.model.transformer.MegatronFormulas}).
 *
 * <p>Per-layer accessors ({@code ffnOfLayer}, {@code layerParameters}, {@code
 * Attention.projectionWeights}, {@code Mlp.weights}) are there for operation-graph generators:
 * each layer's GEMM shapes follow from the records without re-deriving the architecture.
 *
 * <p>Worked example, Llama 3.1 8B ({@code models/llama-3.1-8b.yaml}: h = 4096, L = 32, GQA 32
 * query / 8 KV heads of 128, SwiGLU f = 14,336, V = 128,256, untied head, RMSNorm):
 *
 * <pre>
 * attention per layer  4096·4096 (q) + 2·4096·1024 (k, v) + 4096·4096 (o) =    41,943,040
 * FFN per layer        3·4096·14336 (gate, up, down)                       =   176,160,768
 * layer                41,943,040 + 176,160,768 + 2·4096 (two RMSNorms)     =   218,112,000
 * 32 layers                                                                = 6,979,584,000
 * embedding, head      128,256·4096 each                                   =   525,336,576 ×2
 * final norm                                                               =         4,096
 * total                                                                    = 8,030,261,248
 *                      (published "8B": +0.38%)
 *
 * forward FLOPs per token attending to s = 8192 keys:
 * matmuls   2·(32·(41,943,040 + 176,160,768) + 525,336,576 head) = 15,009,316,864
 * attention 32 layers · 8192 keys · (2·32·128 QK + 2·32·128 AV) =  4,294,967,296
 * total                                                         = 19,304,284,160
 * </pre>
 *
 * <p>DeepSeek-V3 ({@code models/deepseek-v3.yaml}) adds MLA (187,107,328 parameters per layer),
 * 3 dense layers then 58 MoE layers of 256 routed experts (top-8) + 1 shared: 671,026,419,200
 * total and 37,552,297,472 active with the input embedding (36,625,618,432 without, matching
 * DeepSeek's 36.6B/36.7B; the paper rounds to 37B), and one MTP module of 11,610,068,224 unique
 * parameters. Forward at s = 4096 is 9.37e10 FLOPs per token, 9.73e10 with the MTP module.
 *
 * <p>Megatron-LM SC'21 (GPT-3 175B shape, V = 51,200, s = 2048, B = 1536): model FLOPs {@code
 * 72·B·s·l·h²·(1 + s/(6h) + V/(12lh))} = 3.386e18 per iteration, exactly 3 × {@code
 * ForwardFlops.mainModel()} × B·s for that shape; the paper's eq. 3, which includes the
 * recomputation forward pass, is {@code 96·B·s·l·h²·(1 + s/(6h) + V/(16lh))} = 4.511e18.
 *
 * <p>Conventions: counts are elements, not bytes; the active count includes the input embedding
 * (catalog convention); FLOPs count a multiply-add as 2 and ignore elementwise work.
 */
package org.supernodesim.model.transformer;
