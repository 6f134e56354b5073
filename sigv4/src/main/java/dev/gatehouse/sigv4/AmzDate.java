package dev.gatehouse.sigv4;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * The SigV4 timestamp, ISO 8601 basic format {@code YYYYMMDD'T'HHMMSS'Z'}, no fractions.
 *
 * <p>spec: AWS IAM User Guide "Elements of an AWS API request signature" (signing-elements).
 */
final class AmzDate {
  private static final DateTimeFormatter BASIC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);

  private AmzDate() {}

  static String format(Instant instant) {
    return BASIC.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /** The date part {@code YYYYMMDD} of a formatted timestamp. */
  static String day(String amzDate) {
    return amzDate.substring(0, 8);
  }

  /**
   * Parses {@code YYYYMMDD'T'HHMMSS'Z'} by hand (every request carries one; the formatter costs
   * several microseconds), as strictly as the {@code STRICT} formatter: digits only, every field in
   * its range, the day existing in its month.
   */
  static Optional<Instant> parseBasic(String value) {
    if (value.length() != 16 || value.charAt(8) != 'T' || value.charAt(15) != 'Z') {
      return Optional.empty();
    }
    int year = digits(value, 0, 4);
    int month = digits(value, 4, 6);
    int day = digits(value, 6, 8);
    int hour = digits(value, 9, 11);
    int minute = digits(value, 11, 13);
    int second = digits(value, 13, 15);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The decimal number in {@code [from, to)}, or -1 if any character there is not an ASCII digit.
   */
  private static int digits(String value, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** An HTTP {@code Date} header (RFC 1123), the fallback when {@code X-Amz-Date} is absent. */
  static Optional<Instant> parseHttpDate(String value) {
    try {
      return Optional.of(
          ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
