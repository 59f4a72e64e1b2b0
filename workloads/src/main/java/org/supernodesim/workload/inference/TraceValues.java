package org.supernodesim.workload.inference;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * The values of a trace row: token counts, and arrival times as whole seconds and picoseconds
 * within the second (a date in picoseconds since 1970 would overflow a long; only differences
 * matter). Each failure is a {@link TraceException} naming the column.
 */
final class TraceValues {
  private static final long PICOS_PER_SECOND = 1_000_000_000_000L;
  /**
   * {@code 2023-11-16 18:17:03.9799600} (Azure 2023: no zone, 7 fractional digits) and {@code
   * 2024-05-10 00:00:00.009930+00:00} (Azure 2024: a UTC offset, 6 digits); 0 to 9 fractional
   * digits, a space or a T between date and time, an optional offset or Z.
   */
  private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  private TraceValues() {}

  /** An arrival: whole seconds of the trace's own clock and picoseconds within the second. */
  record Arrival(long seconds, long picosInSecond) {}

  /** A token count of at least 1 ({@code 12}, or {@code 12.0} as spreadsheets write it). */
  static int tokens(String text, String column) {
    long n = wholeNumber(text, column);
    if (n < 1) {
      throw new TraceException(0, column, n + " tokens; a request needs at least 1");
    }
    return (int) n;
  }

  /** A whole number from 0 to 2^31-1. */
  static int wholeNumber(String text, String column) {
    BigDecimal value = decimal(text, column);
    try {
      value = value.stripTrailingZeros();
      int n = value.intValueExact();
      if (n < 0) {
        throw new TraceException(0, column, n + " is negative");
      }
      return n;
    } catch (ArithmeticException e) {
      throw new TraceException(0, column, "\"" + text + "\" is not a whole number from 0 to"
          + " 2^31-1");
    }
  }

  /** A number of {@code picosPerUnit}-long units (seconds: 1e12), exact to the picosecond. */
  static Arrival arrival(String text, String column, long picosPerUnit) {
    BigDecimal picos = decimal(text, column).multiply(BigDecimal.valueOf(picosPerUnit))
        .setScale(0, RoundingMode.HALF_EVEN);
    if (picos.signum() < 0) {
      throw new TraceException(0, column, "\"" + text + "\" is before time 0");
    }
    BigDecimal[] split = picos.divideAndRemainder(BigDecimal.valueOf(PICOS_PER_SECOND));
    try {
      return new Arrival(split[0].longValueExact(), split[1].longValueExact());
    } catch (ArithmeticException e) {
      throw new TraceException(0, column, "\"" + text + "\" is too large a time");
    }
  }

  /** A date and time; without an offset it is read as UTC (only differences matter). */
  static Arrival dateTime(String text, String column) {
    TemporalAccessor t;
    try {
      t = DATE_TIME.parseBest(text.strip(), OffsetDateTime::from, LocalDateTime::from);
    } catch (DateTimeException e) {
      throw new TraceException(0, column, "\"" + text + "\" is not a date and time such as"
          + " 2023-11-16 18:17:03.9799600 or 2024-05-10 00:00:00.009930+00:00");
    }
    OffsetDateTime at = t instanceof OffsetDateTime o
        ? o : ((LocalDateTime) t).atOffset(ZoneOffset.UTC);
    return new Arrival(at.toEpochSecond(), at.getNano() * 1_000L);
  }

  private static BigDecimal decimal(String text, String column) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new TraceException(0, column, "\"" + text + "\" is not a number");
    }
  }
}
