package dev.gatehouse.sigv4;

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

  static Optional<Instant> parseBasic(String value) {
    if (value.length() != 16) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(value, BASIC).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
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
