package dev.gatehouse.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written X-Amz-Date parser accepts exactly what the strict {@code uuuuMMdd'T'HHmmss'Z'}
 * formatter accepts, and yields the same instant.
 */
class AmzDateTest {
  private static final DateTimeFormatter STRICT =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);

  /** What the formatter makes of the text: the reference. */
  private static Optional<Instant> reference(String value) {
    if (value.length() != 16) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(value, STRICT).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "20260115T100000Z",
        "20240229T235959Z", // leap day
        "20000229T000000Z", // leap day of a century divisible by 400
        "00000101T000000Z", // year 0 exists in the proleptic calendar
        "99991231T235959Z"
      })
  void acceptsValidTimestamps(String value) {
    assertThat(AmzDate.parseBasic(value)).isPresent().isEqualTo(reference(value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "20250229T000000Z", // no leap day
        "19000229T000000Z", // century not divisible by 400
        "20260431T000000Z", // April has 30 days
        "20261301T000000Z",
        "20260001T000000Z",
        "20260100T000000Z",
        "20260115T240000Z",
        "20260115T236000Z",
        "20260115T235960Z", // no leap seconds
        "20260115 100000Z",
        "20260115T100000z",
        "20260115t100000Z",
        "2026011T100000ZZ",
        "+2026011T100000Z",
        "-0001011T000000Z",
        "2026-1-1T100000Z",
        "2026011\u0661T100000Z", // a non-ASCII digit
        "20260115T10000",
        "20260115T1000000Z",
        ""
      })
  void refusesWhatTheStrictFormatRefuses(String value) {
    assertThat(reference(value)).isEmpty();
    assertThat(AmzDate.parseBasic(value)).isEmpty();
  }

  @Property(tries = 2000)
  void agreesWithTheStrictFormatter(@ForAll("nearlyTimestamps") String value) {
    assertThat(AmzDate.parseBasic(value)).isEqualTo(reference(value));
  }

  @Property(tries = 500)
  void roundTripsFormattedInstants(@ForAll("instants") Instant instant) {
    assertThat(AmzDate.parseBasic(AmzDate.format(instant))).contains(instant);
  }

  /** Digits in every position with an occasional wrong character: most are near the edges. */
  @Provide
  Arbitrary<String> nearlyTimestamps() {
    Arbitrary<Character> digit = Arbitraries.chars().range('0', '9');
    Arbitrary<Character> any = Arbitraries.of('0', '1', '2', '3', '5', '9', 'T', 'Z', ' ', '+');
    Arbitrary<Character> position =
        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, digit), net.jqwik.api.Tuple.of(1, any));
    return position
        .list()
        .ofSize(14)
        .map(
            cs -> {
              StringBuilder b = new StringBuilder(16);
              for (int i = 0; i < cs.size(); i++) {
                if (i == 8) {
                  b.append('T');
                }
                b.append(cs.get(i));
              }
              return b.append('Z').toString();
            });
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(
            Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
        .map(Instant::ofEpochSecond);
  }
}
