package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GrantSessionsTest {
  static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  static final GrantCheck.Live LIVE =
      new GrantCheck.Live(
          "123456789012",
          "ag-1",
          NOW.plus(Duration.ofHours(2)),
          "OPS-123, fix \"it\"",
          "Stuart",
          false);

  static AssumeRoleRequest asked(List<SessionTag> tags, String sourceIdentity) {
    return new AssumeRoleRequest(
        "arn:aws:iam::123456789012:role/R",
        "s",
        Optional.empty(),
        "",
        new MfaCode("", ""),
        SessionPolicies.none(),
        tags,
        List.of(),
        sourceIdentity);
  }

  @Test
  void aSessionUnderAGrantCarriesItsIdReasonAndRequester() {
    AssumeRoleRequest in = GrantSessions.underGrant(asked(List.of(), ""), LIVE);
    assertThat(in.sourceIdentity()).isEqualTo("Stuart");
    assertThat(in.tags())
        .containsExactly(
            new SessionTag(SessionClaims.GRANT_ID_TAG, "ag-1"),
            new SessionTag(SessionClaims.GRANT_REASON_TAG, "OPS-123  fix  it"));
    assertThat(in.transitiveTagKeys())
        .containsExactly(SessionClaims.GRANT_ID_TAG, SessionClaims.GRANT_REASON_TAG);
    AssumeRoleRequest plain = asked(List.of(), "");
    assertThat(GrantSessions.underGrant(plain, new GrantCheck.NotRequired())).isSameAs(plain);
    assertThatThrownBy(() -> GrantSessions.underGrant(asked(List.of(), "Maria"), LIVE))
        .hasMessageContaining("is its requester, Stuart");
  }

  @Test
  void callersCannotSetTheGrantTags() {
    assertThatThrownBy(
            () ->
                GrantSessions.refuseReservedTags(
                    List.of(new SessionTag("gatehousegrantid", "ag-forged"))))
        .hasMessageContaining("reserved");
    GrantSessions.refuseReservedTags(List.of(new SessionTag("team", "a")));
  }

  @Test
  void theSessionEndsAtTheGrantsEndAtTheLatest() {
    assertThat(GrantSessions.capped(Duration.ofHours(12), NOW, LIVE))
        .isEqualTo(Duration.ofHours(2));
    assertThat(GrantSessions.capped(Duration.ofHours(1), NOW, LIVE)).isEqualTo(Duration.ofHours(1));
    assertThat(GrantSessions.capped(Duration.ofHours(1), LIVE.end(), LIVE))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(GrantSessions.tagValue("x".repeat(300))).hasSize(256);
  }
}
