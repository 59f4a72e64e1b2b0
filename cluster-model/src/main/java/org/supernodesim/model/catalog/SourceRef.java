package org.supernodesim.model.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Where a figure comes from: {@code ref} names an entry of the file's {@code sources}, {@code
 * locator} the place in that document (a table, a section, a config key).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceRef(String ref, String locator) {}
