package dev.gatehouse.core.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The catalogue's date parse gives what {@link Instant#parse} gives, and refuses what it does. */
class IsoInstantsTest {
  @Test
  void everyDateOfTheBundledCatalogue() throws Exception {
    String text;
    try (InputStream raw =
        ManagedPolicyCatalogue.class.getResourceAsStream(ManagedPolicyCatalogue.RESOURCE)) {
      text = new String(new GZIPInputStream(raw).readAllBytes(), StandardCharsets.UTF_8);
    }
    Matcher m = Pattern.compile("\"(?:Create|Update)Date\":\"([^\"]*)\"").matcher(text);
    List<String> dates = new ArrayList<>();
    while (m.find()) {
      dates.add(m.group(1));
    }
    assertThat(dates).hasSizeGreaterThan(3000);
    for (String date : dates) {
      assertThat(IsoInstants.parse(date)).as(date).isEqualTo(Instant.parse(date));
    }
  }

  @Test
  void otherShapesAsInstantParse() {
    for (String date :
        List.of(
            "2024-02-29T23:59:59.999Z",
            "2023-12-31T00:00:00Z",
            "1970-01-01T00:00:00.000Z",
            "0000-01-01T00:00:00Z",
            "1969-12-31T23:59:59.001Z",
            "2016-12-31T23:59:60Z",
            "2026-03-26T24:00:00.000Z",
            "2026-03-26T03:42:09.5Z",
            "2026-03-26T03:42:09.123456789Z",
            "2026-03-26T03:42:09+02:00",
            "2026-03-26T03:42:09.000z",
            "+12026-03-26T03:42:09Z")) {
      assertThat(IsoInstants.parse(date)).as(date).isEqualTo(Instant.parse(date));
    }
  }

  @Test
  void refusesWhatInstantParseRefuses() {
    for (String date :
        List.of(
            "2023-02-29T00:00:00Z",
            "2026-13-01T00:00:00.000Z",
            "2026-00-01T00:00:00.000Z",
            "2026-04-31T00:00:00.000Z",
            "2026-04-00T00:00:00.000Z",
            "2026-03-26T03:60:00.000Z",
            "2026-03-26T03:42:61.000Z",
            "2026-03-26T03:42:09.00aZ",
            "2026-03-26 03:42:09.000Z",
            "2026-3-26T03:42:09.000ZZ",
            "")) {
      assertThatThrownBy(() -> Instant.parse(date))
          .as(date)
          .isInstanceOf(DateTimeParseException.class);
      assertThatThrownBy(() -> IsoInstants.parse(date))
          .as(date)
          .isInstanceOf(DateTimeParseException.class);
    }
  }
}
