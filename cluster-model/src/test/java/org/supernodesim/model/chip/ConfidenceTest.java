package org.supernodesim.model.chip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A file's confidence text and the models' levels, one to one; overridden only a scenario makes. */
class ConfidenceTest {
  @Test
  void eachLevelAFileWritesReadsBackFromItsText() {
    for (Confidence c : new Confidence[] {
        Confidence.PUBLISHED, Confidence.REPORTED, Confidence.ESTIMATED, Confidence.UNKNOWN}) {
      assertEquals(c, Confidence.ofText(c.text()));
    }
    assertEquals("estimated", Confidence.ESTIMATED.text());
  }

  @Test
  void anyOtherTextIsRefusedListingTheLevels() {
    for (String text : new String[] {"measured", "Estimated", "overridden", null}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Confidence.ofText(text));
      assertEquals("'" + text + "' is not a confidence; valid: published, reported, estimated,"
          + " unknown", e.getMessage());
    }
  }
}
