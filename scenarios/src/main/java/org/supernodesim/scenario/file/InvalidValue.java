package org.supernodesim.scenario.file;

/**
 * A value a section's constructor refuses, with the key it sits under, so the error can name the
 * key's path and line rather than only the enclosing mapping's.
 */
final class InvalidValue extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String key;

  InvalidValue(String key, String message) {
    super(message);
    this.key = key;
  }

  String key() {
    return key;
  }
}
