package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.e2e.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SessionsTest {
  final MutableClock clock = new MutableClock();
  final Sessions sessions = new Sessions(new SecureRandom(), clock, Duration.ofHours(1));

  @Test
  void idsAndTokensAre256BitRandom() {
    ConsoleSession a = sessions.create();
    ConsoleSession b = sessions.create();
    assertThat(a.id()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b.id());
    assertThat(a.csrfToken())
        .matches("[A-Za-z0-9_-]{43}")
        .isNotEqualTo(a.id())
        .isNotEqualTo(b.csrfToken());
  }

  @Test
  void aSessionExpiresAfterAnIdleHourAndUseRestartsTheClock() {
    ConsoleSession s = sessions.create();
    clock.advance(Duration.ofMinutes(59));
    assertThat(sessions.find(s.id())).contains(s);
    clock.advance(Duration.ofMinutes(59));
    assertThat(sessions.find(s.id())).contains(s);
    clock.advance(Duration.ofMinutes(60));
    assertThat(sessions.timedOut(s.id())).isTrue();
    assertThat(sessions.find(s.id())).isEmpty();
    // Dropped once found expired.
    assertThat(sessions.timedOut(s.id())).isFalse();
  }

  @Test
  void unknownIdsFindNothing() {
    assertThat(sessions.find(null)).isEmpty();
    assertThat(sessions.find("nope")).isEmpty();
    assertThat(sessions.timedOut(null)).isFalse();
  }

  @Test
  void removedSessionsAreGone() {
    ConsoleSession s = sessions.create();
    sessions.remove(s);
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void tokensCompareExactly() {
    assertThat(Sessions.sameToken("abc", "abc")).isTrue();
    assertThat(Sessions.sameToken("abc", "abd")).isFalse();
    assertThat(Sessions.sameToken("abc", "")).isFalse();
    assertThat(Sessions.sameToken("abc", null)).isFalse();
  }

  @Test
  void theNumberOfSessionsIsBounded() {
    for (int i = 0; i < Sessions.MAX_SESSIONS; i++) {
      sessions.create();
    }
    assertThat(sessions.size()).isEqualTo(Sessions.MAX_SESSIONS);
    sessions.create();
    assertThat(sessions.size()).isEqualTo(Sessions.MAX_SESSIONS);
    // Expired ones are swept first.
    clock.advance(Duration.ofHours(2));
    sessions.create();
    assertThat(sessions.size()).isEqualTo(1);
  }

  @Test
  void recentRolesKeepTheLastFiveMostRecentFirst() {
    ConsoleSession s = sessions.create();
    for (int i = 1; i <= 7; i++) {
      s.switched(
          new ConsoleSession.RoleSession(
              new ConsoleSession.RoleChoice("123456789012", "R" + i, "R" + i, "red"),
              "ASIA",
              "t",
              "arn"));
    }
    s.switched(
        new ConsoleSession.RoleSession(
            new ConsoleSession.RoleChoice("123456789012", "R5", "again", "blue"),
            "ASIA",
            "t",
            "arn"));
    assertThat(s.recentRoles())
        .extracting(ConsoleSession.RoleChoice::displayName)
        .containsExactly("again", "R7", "R6", "R4", "R3");
    s.switchBack();
    assertThat(s.role()).isEmpty();
  }
}
