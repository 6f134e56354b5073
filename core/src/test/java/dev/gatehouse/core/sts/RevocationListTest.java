package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RevocationListTest {

  private final SessionClaims role = Claims.role(); // role AROAEXAMPLEROLEID1234, origin AIDA...
  private final SessionClaims user =
      Claims.userSession("arn:aws:iam::123456789012:user/Stuart", "AIDAEXAMPLEUSERID1234");

  @Test
  void emptyRevokesNothing() {
    assertThat(RevocationList.empty().isRevoked(role)).isFalse();
  }

  @Test
  void perSession() {
    RevocationList list = RevocationList.empty().revokeSession(role);
    assertThat(list.isRevoked(role)).isTrue();
    assertThat(list.isRevoked(Claims.federated())).isFalse();
    assertThat(list.sessions()).containsEntry(role.sessionId(), role.expiresAt());
  }

  @Test
  void perRoleIssuedBeforeIsStrict() {
    Instant issued = role.issuedAt();
    assertThat(revokeRole(issued).isRevoked(role)).isFalse();
    assertThat(revokeRole(issued.plusSeconds(1)).isRevoked(role)).isTrue();
    // A role cut-off never touches a user's own session.
    assertThat(
            RevocationList.empty()
                .revokeRoleSessionsBefore("AIDAEXAMPLEUSERID1234", issued.plusSeconds(1))
                .isRevoked(user))
        .isFalse();
    assertThat(
            RevocationList.empty()
                .revokeRoleSessionsBefore("AROAOTHER", issued.plusSeconds(1))
                .isRevoked(role))
        .isFalse();
  }

  @Test
  void perOriginCoversRoleSessionsTheUserStarted() {
    RevocationList list =
        RevocationList.empty()
            .revokeOriginSessionsBefore("AIDAEXAMPLEUSERID1234", role.issuedAt().plusSeconds(1));
    assertThat(list.isRevoked(role)).isTrue();
    assertThat(list.isRevoked(user)).isTrue();
    assertThat(list.isRevoked(Claims.federated())).isFalse();
    RevocationList atIssue =
        RevocationList.empty().revokeOriginSessionsBefore("AIDAEXAMPLEUSERID1234", role.issuedAt());
    assertThat(atIssue.isRevoked(role)).isFalse();
  }

  @Test
  void reRevokingMovesTheCutOffForwardOnly() {
    Instant t1 = role.issuedAt().plusSeconds(10);
    Instant t0 = role.issuedAt().minusSeconds(10);
    RevocationList list = revokeRole(t1).revokeRoleSessionsBefore("AROAEXAMPLEROLEID1234", t0);
    assertThat(list.rolesIssuedBefore()).containsEntry("AROAEXAMPLEROLEID1234", t1);
    assertThat(list.isRevoked(role)).isTrue();
  }

  @Test
  void pruningDropsOnlyEntriesThatCanNoLongerMatch() {
    RevocationList list =
        revokeRole(role.issuedAt().plusSeconds(1))
            .revokeSession(role)
            .revokeOriginSessionsBefore("AIDAX", role.issuedAt());
    assertThat(list.pruned(role.expiresAt().minusSeconds(1))).isEqualTo(list);
    RevocationList afterExpiry = list.pruned(role.expiresAt());
    assertThat(afterExpiry.sessions()).isEmpty();
    assertThat(afterExpiry.rolesIssuedBefore()).hasSize(1);
    RevocationList muchLater =
        list.pruned(role.issuedAt().plus(RevocationList.LONGEST_SESSION).plusSeconds(2));
    assertThat(muchLater).isEqualTo(RevocationList.empty());
  }

  private static RevocationList revokeRole(Instant cutoff) {
    return RevocationList.empty().revokeRoleSessionsBefore("AROAEXAMPLEROLEID1234", cutoff);
  }
}
