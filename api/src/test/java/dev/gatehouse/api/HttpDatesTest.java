package dev.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HttpDatesTest {
  private static String reference(Instant t) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZone(ZoneOffset.UTC));
  }

  @Test
  void writesWhatTheRfc1123FormatterWrites() {
    SplittableRandom random = new SplittableRandom(7);
    long from = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant t =
          Instant.ofEpochSecond(random.nextLong(from, to + 1), random.nextInt(1_000_000_000));
      assertEquals(reference(t), HttpDates.format(t), t.toString());
    }
  }

  @Test
  void singleDigitDaysAndMidnightAsTheFormatterWritesThem() {
    Instant t = Instant.parse("2026-12-07T00:00:09.999Z");
    assertEquals("Mon, 7 Dec 2026 00:00:09 GMT", HttpDates.format(t));
    assertEquals(reference(t), HttpDates.format(t));
  }

  @Test
  void yearsOfOtherWidthsAreTheFormattersAffair() {
    Instant early = Instant.parse("0999-12-31T23:59:59Z");
    assertEquals(reference(early), HttpDates.format(early));
    Instant late = Instant.parse("+10000-01-01T00:00:00Z");
    assertThrows(DateTimeException.class, () -> reference(late));
    assertThrows(DateTimeException.class, () -> HttpDates.format(late));
  }
}
