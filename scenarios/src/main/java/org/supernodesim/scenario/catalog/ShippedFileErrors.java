package org.supernodesim.scenario.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.stream.Collectors;

/**
 * The error for a shipped file that does not bind (a catalog file, a calibration, the readings):
 * it ships with the product, so that is our bug, said as a scenario error is: the file, line and
 * column, the key's path, and the record's own words for what is wrong.
 */
final class ShippedFileErrors {
  private ShippedFileErrors() {}

  /** {@code file line L, column C: key.path: why}, the key path where Jackson knows it. */
  static IllegalStateException located(String file, JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr();
    String key = e instanceof JsonMappingException m && !m.getPath().isEmpty()
        ? m.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining(".")).replace(".[", "[") + ": "
        : "";
    String why = e.getCause() instanceof IllegalArgumentException x
        ? x.getMessage() : e.getOriginalMessage();
    return new IllegalStateException(file + where + ": " + key + why, e);
  }
}
