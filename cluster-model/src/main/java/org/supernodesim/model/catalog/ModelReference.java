package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A document cited by a model file; {@code url} is {@code null} where only the title is known. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelReference(String title, String url) {}
