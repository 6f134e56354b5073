package dev.gatehouse.core.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher(1_000, new SecureRandom());

  @Test
  void productionCostIsOwaspGrade() {
    assertThat(PasswordHasher.DEFAULT_ITERATIONS).isEqualTo(600_000);
    assertThat(PasswordHasher.standard(new SecureRandom()).iterations()).isEqualTo(600_000);
    assertThatThrownBy(() -> new PasswordHasher(0, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void hashesCarryAlgorithmCostAndARandomSaltAndNeverThePassword() {
    String a = hasher.hash("correct horse");
    String b = hasher.hash("correct horse");
    assertThat(a).matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(a).isNotEqualTo(b).doesNotContain("correct horse");
    assertThat(a.split("\\$")[2]).isNotEqualTo(b.split("\\$")[2]);
  }

  @Test
  void verifiesOnlyTheSamePassword() {
    String h = hasher.hash("S3cret!pass");
    assertThat(hasher.verify("S3cret!pass", h)).isTrue();
    assertThat(hasher.verify("S3cret!pasS", h)).isFalse();
    assertThat(hasher.verify("S3cret!pas", h)).isFalse();
    assertThat(hasher.verify("", h)).isFalse();
    // Latin-1 passwords (the API allows U+0020..U+00FF) round-trip.
    String latin = hasher.hash("pässwörd\u00ff");
    assertThat(hasher.verify("pässwörd\u00ff", latin)).isTrue();
    assertThat(hasher.verify("passwordy", latin)).isFalse();
  }

  @Test
  void aHashKeepsItsCostSoTheCostCanBeRaisedLater() {
    String old = hasher.hash("pw-123456");
    PasswordHasher stronger = new PasswordHasher(2_000, new SecureRandom());
    assertThat(stronger.verify("pw-123456", old)).isTrue();
    assertThat(stronger.needsRehash(old)).isTrue();
    assertThat(stronger.needsRehash(stronger.hash("pw-123456"))).isFalse();
    assertThat(hasher.needsRehash(stronger.hash("x"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain",
        "pbkdf2-sha256$1000$c2FsdA$",
        "pbkdf2-sha1$1000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "pbkdf2-sha256$0$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "pbkdf2-sha256$x$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "pbkdf2-sha256$1000$$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "pbkdf2-sha256$1000$!!!$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$c2hvcnQ",
        "pbkdf2-sha256$1000$c2FsdA$aGFzaA$extra"
      })
  void malformedHashesNeverMatch(String encoded) {
    assertThat(hasher.verify("anything", encoded)).isFalse();
    assertThat(hasher.needsRehash(encoded)).isTrue();
  }

  @Test
  void burningTakesAboutAsLongAsVerifying() {
    PasswordHasher slow = new PasswordHasher(40_000, new SecureRandom());
    String h = slow.hash("pw");
    long verify = Long.MAX_VALUE;
    long burn = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      slow.verify("wrong", h);
      long t1 = System.nanoTime();
      slow.burn("wrong");
      long t2 = System.nanoTime();
      verify = Math.min(verify, t1 - t0);
      burn = Math.min(burn, t2 - t1);
    }
    // The fastest of five runs of each: within a factor of two of one another.
    assertThat(burn).isGreaterThan(verify / 2);
    assertThat(verify).isGreaterThan(burn / 2);
  }
}
