package dev.gatehouse.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the access-grant screens read ARNs, times and durations. */
class GrantCallsTest {
  @Test
  void durationsReadAsPeopleSayThem() {
    assertThat(GrantCalls.duration(Duration.ofSeconds(30))).isEqualTo("less than 1 min");
    assertThat(GrantCalls.seconds(900)).isEqualTo("15 min");
    assertThat(GrantCalls.seconds(7200)).isEqualTo("2 h");
    assertThat(GrantCalls.seconds(5400)).isEqualTo("1 h 30 min");
    assertThat(GrantCalls.seconds(86400 + 3 * 3600 + 60)).isEqualTo("1 d 3 h");
    assertThat(GrantCalls.seconds(7 * 86400)).isEqualTo("7 d");
  }

  @Test
  void timeLeftSaysWhenItHasEnded() {
    Instant now = Instant.parse("2026-12-07T10:00:00Z");
    assertThat(GrantCalls.left(now, now.plusSeconds(3600))).isEqualTo("1 h left");
    assertThat(GrantCalls.left(now, now)).isEqualTo("ended");
    assertThat(GrantCalls.left(now, now.minusSeconds(1))).isEqualTo("ended");
  }

  @Test
  void arnsAndTimesOfAnswers() {
    assertThat(GrantCalls.roleName("arn:aws:iam::123456789012:role/ops/RoleX"))
        .isEqualTo("ops/RoleX");
    assertThat(GrantCalls.roleName("not-an-arn")).isEqualTo("not-an-arn");
    assertThat(GrantCalls.baseName("ops/RoleX")).isEqualTo("RoleX");
    assertThat(GrantCalls.account("arn:aws:iam::123456789012:role/RoleX"))
        .isEqualTo("123456789012");
    assertThat(GrantCalls.account("arn:aws")).isEmpty();
    assertThat(GrantCalls.shortName("arn:aws:iam::123456789012:user/Stuart")).isEqualTo("Stuart");
    assertThat(GrantCalls.instant("2026-12-07T10:00:00Z"))
        .contains(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(GrantCalls.instant("")).isEmpty();
    assertThat(GrantCalls.instant("yesterday")).isEmpty();
    assertThat(GrantCalls.requestPath("ops/Role X"))
        .isEqualTo("/console/access/request?role=ops%2FRole%20X");
  }
}
