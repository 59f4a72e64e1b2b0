package org.supernodesim.model.transformer;

/**
 * Multi-head latent attention as DeepSeek-V3 defines it (DeepSeek-V3 Technical Report, arXiv
 * 2412.19437, §2.1.1, eqs. 1-11; dimensions of §4.2 and {@code inference/model.py}).
 *
 * <p>Per token: the query is compressed to a latent of {@code qLoraRank} (W^DQ), normalised, and
 * expanded to {@code heads × (qkNopeHeadDim + qkRopeHeadDim)} (W^UQ, W^QR). Keys and values share
 * one latent of {@code kvLoraRank} (W^DKV) computed together with a single decoupled RoPE key of
 * {@code qkRopeHeadDim} shared by all heads (W^KR); the latent is normalised and expanded to
 * per-head keys of {@code qkNopeHeadDim} and values of {@code vHeadDim} (W^UK, W^UV). The output
 * projection maps {@code heads × vHeadDim} back to h. Only the latent and the RoPE key are cached.
 *
 * <p>Counts follow the training-time (non-absorbed) form, where W^UK and W^UV are applied
 * explicitly; inference kernels may fold them into W^UQ and W^O, which changes FLOPs, not
 * parameters.
 *
 * @param heads query heads n_h (128 in DeepSeek-V3)
 * @param qLoraRank query latent d_c' (1536); 0 means an uncompressed query projection, as in
 *     DeepSeek-V2-Lite
 * @param kvLoraRank KV latent d_c (512)
 * @param qkNopeHeadDim per-head query/key part without RoPE d_h (128)
 * @param qkRopeHeadDim per-head decoupled RoPE part d_h^R (64)
 * @param vHeadDim per-head value dimension (128)
 */
public record MultiHeadLatentAttention(
    int heads,
    int qLoraRank,
    int kvLoraRank,
    int qkNopeHeadDim,
    int qkRopeHeadDim,
    int vHeadDim)
    implements Attention {
  public MultiHeadLatentAttention {
    if (heads <= 0 || kvLoraRank <= 0 || qkNopeHeadDim <= 0 || qkRopeHeadDim <= 0
        || vHeadDim <= 0 || qLoraRank < 0) {
      throw new IllegalArgumentException(
          "MLA needs positive heads, kvLoraRank, qkNopeHeadDim, qkRopeHeadDim and vHeadDim and a"
              + " non-negative qLoraRank, got " + heads + ", " + kvLoraRank + ", " + qkNopeHeadDim
              + ", " + qkRopeHeadDim + ", " + vHeadDim + ", " + qLoraRank);
    }
  }

  /** Query/key head dimension: nope + rope part (192 in DeepSeek-V3). */
  public int queryKeyHeadDim() {
    return qkNopeHeadDim + qkRopeHeadDim;
  }

  /**
   * Query path ({@code h·r_q + r_q·n·(d_n + d_r)}, or {@code h·n·(d_n + d_r)} uncompressed), KV
   * down with the RoPE key ({@code h·(r_kv + d_r)}), KV up ({@code r_kv·n·(d_n + d_v)}) and
   * output ({@code n·d_v·h}).
   */
  @Override
  public long projectionWeights(long hiddenSize) {
    long queryWidth = (long) heads * queryKeyHeadDim();
    long query =
        qLoraRank > 0
            ? hiddenSize * qLoraRank + (long) qLoraRank * queryWidth
            : hiddenSize * queryWidth;
    long kvDown = hiddenSize * (kvLoraRank + qkRopeHeadDim);
    long kvUp = (long) kvLoraRank * heads * (qkNopeHeadDim + vHeadDim);
    long output = (long) heads * vHeadDim * hiddenSize;
    return query + kvDown + kvUp + output;
  }

  /** Projections plus the RMSNorm gains on the query latent and on the KV latent. */
  @Override
  public long parameters(long hiddenSize) {
    return projectionWeights(hiddenSize) + qLoraRank + kvLoraRank;
  }

  @Override
  public long scoreAndContextFlopsPerAttendedToken() {
    return 2L * heads * queryKeyHeadDim() + 2L * heads * vHeadDim;
  }

  /** The KV latent and the shared RoPE key: {@code r_kv + d_r} (576 in DeepSeek-V3). */
  @Override
  public long kvCacheElementsPerToken() {
    return (long) kvLoraRank + qkRopeHeadDim;
  }
}
