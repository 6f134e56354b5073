package dev.gatehouse.core.managed;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#parse} for the one shape the bundled catalogue's dates have ({@code
 * 2026-03-26T03:42:09.000Z}, optionally without the milliseconds), without the formatter machinery:
 * the catalogue parses two dates per policy, and DateTimeFormatter was a fifth of its load.
 */
final class IsoInstants {
  private IsoInstants() {}

  /** The same instant as {@link Instant#parse}, which also decides every other shape. */
  static Instant parse(CharSequence text) {
    int n = text.length();
    if ((n == 20 || n == 24)
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(n - 1) == 'Z'
        && (n == 20 || text.charAt(19) == '.')) {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 2);
      int day = digits(text, 8, 2);
      int hour = digits(text, 11, 2);
      int minute = digits(text, 14, 2);
      int second = digits(text, 17, 2);
      int millis = n == 24 ? digits(text, 20, 3) : 0;
      // Leap seconds (60), 24:00 and impossible dates are left to Instant.parse.
      if (year >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= LocalDate.of(year, month, 1).lengthOfMonth()
          && hour >= 0
          && hour <= 23
          && minute >= 0
          && minute <= 59
          && second >= 0
          && second <= 59
          && millis >= 0) {
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(
            days * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
      }
    }
    return Instant.parse(text);
  }

  /** The decimal number of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(CharSequence text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
