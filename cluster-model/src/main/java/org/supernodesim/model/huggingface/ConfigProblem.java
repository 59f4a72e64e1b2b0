package org.supernodesim.model.huggingface;

/**
 * One thing wrong with a {@code config.json}: the key it is about, as the file spells it, so that
 * the reader can point at its line, and what is wrong or missing.
 *
 * @param key the top-level key of the file ({@code num_key_value_heads})
 * @param message what was found and what would be valid
 */
public record ConfigProblem(String key, String message) {}
