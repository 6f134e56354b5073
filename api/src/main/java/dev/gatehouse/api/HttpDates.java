package dev.gatehouse.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * HTTP dates of the answers ({@code Date}, and S3's {@code Last-Modified}) exactly as {@link
 * DateTimeFormatter#RFC_1123_DATE_TIME} writes them in UTC ({@code Mon, 7 Dec 2026 09:05:03 GMT}),
 * without the formatter's per-call work: every GET writes two of them.
 */
public final class HttpDates {
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private HttpDates() {}

  /** {@code time} to the second, as RFC 1123 in GMT. */
  public static String format(Instant time) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
    int year = t.getYear();
    if (year < 1000 || year > 9999) {
      // The formatter's own rules for years of other widths; no answer carries one.
      return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZone(ZoneOffset.UTC));
    }
    StringBuilder b = new StringBuilder(29);
    b.append(DAYS[t.getDayOfWeek().getValue() - 1]).append(", ");
    b.append(t.getDayOfMonth()).append(' ');
    b.append(MONTHS[t.getMonthValue() - 1]).append(' ');
    b.append(year).append(' ');
    two(b, t.getHour()).append(':');
    two(b, t.getMinute()).append(':');
    two(b, t.getSecond()).append(" GMT");
    return b.toString();
  }

  private static StringBuilder two(StringBuilder b, int n) {
    return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }
}
