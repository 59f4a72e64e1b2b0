package org.supernodesim.model.transformer;

/**
 * The nonlinearity of an FFN, which fixes how many weight matrices it has.
 *
 * <p>GELU: the GPT-2/GPT-3/Megatron MLP {@code down(gelu(up(x)))}, two matrices (Shoeybi et al.
 * 2019, §3). SwiGLU: {@code down(silu(gate(x)) * up(x))}, three matrices (Shazeer 2020, "GLU
 * Variants Improve Transformer"; Llama, Qwen, DeepSeek, Ling and Mixtral use it in every FFN and
 * expert).
 */
public enum Activation {
  GELU(2),
  SWIGLU(3);

  private final int matrices;

  Activation(int matrices) {
    this.matrices = matrices;
  }

  /** Weight matrices of one FFN: 2 (up, down) or 3 (gate, up, down). */
  public int matrices() {
    return matrices;
  }
}
