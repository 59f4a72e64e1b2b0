/**
 * Models a user brings as a Hugging Face {@code config.json}: {@link
 * org.supernodesim.model.huggingface.HuggingFaceConfig} holds the keys that give a decoder's shape
 * (under the file's own names), {@link org.supernodesim.model.huggingface.HuggingFaceShapes}
 * maps them, family by family ({@link org.supernodesim.model.huggingface.HuggingFaceFamily}), to
 * the catalog's shape schema, and {@link org.supernodesim.model.huggingface.HuggingFaceModel}
 * turns that into a spec through the same checks as a catalog file. The scenarios module reads the
 * file (this module reads none) and points each {@link
 * org.supernodesim.model.huggingface.ConfigProblem} at its key's line.
 *
 * <p>Entry point: {@link org.supernodesim.model.huggingface.HuggingFaceShapes#toModel}. Worked
 * example, deepseek-ai/DeepSeek-V3 ({@code model_type} deepseek_v3): {@code hidden_size} 7168,
 * 61 layers, 128 heads, {@code q_lora_rank} 1536, {@code kv_lora_rank} 512, {@code
 * qk_nope_head_dim} 128 + {@code qk_rope_head_dim} 64, {@code v_head_dim} 128 (MLA: 187,107,328
 * parameters per layer); {@code first_k_dense_replace} 3 dense layers of {@code
 * intermediate_size} 18432, then 58 layers of {@code n_routed_experts} 256 experts of {@code
 * moe_intermediate_size} 2048 (top {@code num_experts_per_tok} 8) and {@code n_shared_experts} 1;
 * {@code topk_method} noaux_tc adds the 256 router biases; {@code vocab_size} 129280, untied:
 * 671,026,419,200 parameters, DeepSeek's 671B; {@code num_nextn_predict_layers} 1 MTP module.
 */
package org.supernodesim.model.huggingface;
