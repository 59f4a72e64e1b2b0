package org.supernodesim.model.transformer;

/** The normalisation layer used throughout a model (pre-norm blocks and the final norm). */
public enum NormKind {
  /** LayerNorm: a gain and a bias per channel (Ba et al. 2016; GPT-2/3, Megatron). */
  LAYER_NORM(2),
  /** RMSNorm: a gain per channel only (Zhang and Sennrich 2019; Llama, Qwen, DeepSeek, ...). */
  RMS_NORM(1);

  private final int parametersPerChannel;

  NormKind(int parametersPerChannel) {
    this.parametersPerChannel = parametersPerChannel;
  }

  /** Parameters of one norm over {@code width} channels: 2·width or width. */
  public long parameters(long width) {
    return parametersPerChannel * width;
  }
}
