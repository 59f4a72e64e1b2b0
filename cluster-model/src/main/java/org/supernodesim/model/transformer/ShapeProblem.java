package org.supernodesim.model.transformer;

/**
 * One reason a shape cannot become a {@link TransformerSpec}.
 *
 * @param field the shape's field the problem is about, as a path of the catalog schema ({@code
 *     attention.kvHeads}, {@code moe.router.scoring}); empty when no single field is to blame
 * @param message what is wrong, naming the field and its value
 */
public record ShapeProblem(String field, String message) {}
