package org.supernodesim.workload.inference;

/**
 * The SMs DeepEP's normal (high-throughput) kernels hold while they run beside the GEMMs of
 * two-batch overlap in prefill, and the chip's total. DeepEP's normal dispatch and combine are
 * kernels on SMs of their own ({@code deep_ep.Buffer.num_sms}, 20 by default,
 * github.com/deepseek-ai/DeepEP {@code deep_ep/buffer.py}; SGLang's {@code --deepep-config} sets
 * it); SGLang runs DeepGEMM on the rest for the whole overlapped forward of a prefill batch
 * ({@code deep_gemm_num_sms = total_num_sms - DeepEPConfig.num_sms} in
 * {@code _compute_moe_deepseek_blog_prefill}, sglang/srt/batch_overlap/operations_strategy.py).
 * Decode's low-latency kernels receive through a hook without SMs and take none.
 *
 * @param held SMs the communication kernels hold (0: none are modelled)
 * @param of the chip's SMs (the catalog's {@code streamingMultiprocessors})
 */
public record CommunicationSms(int held, int of) {
  public CommunicationSms {
    if (held < 0 || (held > 0 && held >= of)) {
      throw new IllegalArgumentException("communication kernels holding " + held + " of the"
          + " chip's " + of + " SMs leave the GEMMs none; give 1 to " + (of - 1));
    }
  }

  /** No SMs held: the GEMMs have the whole chip. */
  public static CommunicationSms none() {
    return new CommunicationSms(0, 0);
  }

  /** The share of the chip's SMs the GEMMs run on. */
  public double gemmShare() {
    return held == 0 ? 1 : (of - held) / (double) of;
  }
}
