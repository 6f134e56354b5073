package dev.gatehouse.policy;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * Dates of {@code Date*} conditions: W3C ISO 8601 profiles or epoch seconds (spec:
 * reference_policies_elements_condition_operators, Date). Acceptance follows what IAM's legacy
 * parser accepted (the moto-recorded cases): calendar fields in range, optional time, {@code Z} or
 * {@code +hh[:mm]} zone, fractions up to nine digits, epoch seconds 0 to 2^63-1.
 */
final class DateValue {
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private DateValue() {}

  /** The instant, or empty if IAM rejects the text ("The policy failed legacy parsing"). */
  static Optional<Instant> parse(String text) {
    try {
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.indexOf('t') >= 0 || text.indexOf('-') >= 0) {
        return iso(lower);
      }
      BigInteger seconds = integer(text);
      if (seconds.signum() < 0 || seconds.compareTo(LONG_MAX) > 0) {
        return Optional.empty();
      }
      return Optional.of(ofEpochSecond(seconds.longValue()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Instant ofEpochSecond(long s) {
    return s > Instant.MAX.getEpochSecond() ? Instant.MAX : Instant.ofEpochSecond(s);
  }

  private static Optional<Instant> iso(String v) {
    int t = v.indexOf('t');
    String datePart = t < 0 ? v : v.substring(0, t);
    String timePart = t < 0 ? "" : v.substring(t + 1);
    boolean negative = datePart.startsWith("-");
    String[] dateParts = (negative ? datePart.substring(1) : datePart).split("-", -1);
    int year = (int) bounded((negative ? "-" : "") + dateParts[0], -292275054, 292278993);
    int month = dateParts.length > 1 ? (int) bounded(dateParts[1], 1, 12) : 1;
    int day = dateParts.length > 2 ? (int) bounded(dateParts[2], 1, 31) : 1;
    if (dateParts.length > 3) {
      return Optional.empty();
    }
    String[] timeParts = timePart.split(":", -1);
    int hours = timeParts[0].isEmpty() ? 0 : (int) bounded(timeParts[0], 0, 23);
    int minutes = timeParts.length > 1 ? (int) bounded(timeParts[1], 0, 59) : 0;
    int seconds = 0;
    long nanos = 0;
    int offsetSeconds = 0;
    if (timeParts.length > 2) {
      String s = timeParts[2];
      String secondsText;
      int z = s.indexOf('z');
      int plus = s.indexOf('+');
      int minus = s.indexOf('-');
      if (z >= 0) {
        if (z != s.length() - 1) {
          return Optional.empty();
        }
        secondsText = s.substring(0, z);
      } else if (plus >= 0 || minus >= 0) {
        int at = plus >= 0 ? plus : minus;
        secondsText = s.substring(0, at);
        String zoneHours = s.substring(at + 1);
        if (zoneHours.length() != 2) {
          return Optional.empty();
        }
        int zh = (int) bounded(zoneHours, 0, 23);
        int zm = 0;
        if (timeParts.length > 3) {
          if (timeParts[3].length() != 2) {
            return Optional.empty();
          }
          zm = (int) bounded(timeParts[3], 0, 59);
        }
        offsetSeconds = (plus >= 0 ? 1 : -1) * (zh * 3600 + zm * 60);
      } else {
        secondsText = s;
      }
      int dot = secondsText.indexOf('.');
      seconds = (int) bounded(dot < 0 ? secondsText : secondsText.substring(0, dot), 0, 59);
      if (dot >= 0) {
        String fraction = secondsText.substring(dot + 1);
        long f = bounded(fraction, 0, 999_999_999);
        nanos = fractionNanos(fraction, f);
      }
    }
    LocalDateTime local =
        LocalDateTime.of(year, month, 1, hours, minutes, seconds).plusDays(day - 1L);
    // Offsets up to +23:59 are accepted, beyond java.time's +18:00, so apply them by hand.
    long epoch = local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
    return Optional.of(Instant.ofEpochSecond(epoch, nanos));
  }

  private static long fractionNanos(String digits, long value) {
    long n = value;
    for (int i = digits.length(); i < 9; i++) {
      n *= 10;
    }
    return digits.length() > 9 ? 0 : n;
  }

  private static long bounded(String s, long min, long max) {
    BigInteger v = integer(s);
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new NumberFormatException("out of range: " + s);
    }
    return v.longValue();
  }

  /** An optionally signed run of ASCII digits. */
  private static BigInteger integer(String s) {
    int start = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
    if (s.length() == start) {
      throw new NumberFormatException("empty");
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(s);
      }
    }
    return new BigInteger(s);
  }
}
