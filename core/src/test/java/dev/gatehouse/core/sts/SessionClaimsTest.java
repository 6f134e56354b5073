package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionClaimsTest {

  @Test
  void roleSessionIdentifiers() {
    SessionClaims c = Claims.role();
    // spec: STS GetCallerIdentity examples; the role path is not part of the session ARN.
    assertThat(c.arn())
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/RoleS3FullAccess/stuart@example.com");
    assertThat(c.userId()).isEqualTo("AROAEXAMPLEROLEID1234:stuart@example.com");
    assertThat(c.principalArn()).isEqualTo("arn:aws:iam::123456789012:role/ops/RoleS3FullAccess");
    assertThat(c.principalType()).isEqualTo("AssumedRole");
    assertThat(c.tokenIssueTime()).isEqualTo("2026-11-29T01:00:00Z");
    assertThat(c.isChained()).isTrue();
    assertThat(c.sourceIdentityIfSet()).contains("stuart");
    assertThat(c.mfa().isPresent()).isTrue();
    assertThat(c.mfaAgeSeconds(Claims.ISSUED.plusSeconds(70))).contains(100L);
  }

  @Test
  void federatedAndUserSessionIdentifiers() {
    SessionClaims f = Claims.federated();
    assertThat(f.arn()).isEqualTo("arn:aws:sts::123456789012:federated-user/Bob");
    assertThat(f.userId()).isEqualTo("123456789012:Bob");
    assertThat(f.principalArn()).isEqualTo(f.arn());
    assertThat(f.principalType()).isEqualTo("FederatedUser");
    assertThat(f.sourceIdentityIfSet()).isEmpty();
    assertThat(f.mfaAgeSeconds(Claims.ISSUED)).isEmpty();
    assertThat(f.mfa().authTime()).isEmpty();
    assertThat(f.isChained()).isFalse();

    SessionClaims u = Claims.userSession("arn:aws:iam::123456789012:user/Stuart", "AIDASTUART");
    assertThat(u.arn()).isEqualTo("arn:aws:iam::123456789012:user/Stuart");
    assertThat(u.userId()).isEqualTo("AIDASTUART");
    assertThat(u.principalArn()).isEqualTo(u.arn());
    assertThat(u.principalType()).isEqualTo("User");

    SessionClaims root = Claims.userSession("arn:aws:iam::123456789012:root", "123456789012");
    assertThat(root.principalType()).isEqualTo("Account");
  }

  @Test
  void toStringHidesTheSecret() {
    SessionClaims c = Claims.role();
    assertThat(c.toString())
        .doesNotContain(c.secretAccessKey())
        .contains("<redacted>")
        .contains(c.accessKeyId());
    TemporaryCredentials t = new TemporaryCredentials("ASIAX", "very-secret");
    assertThat(t.toString()).doesNotContain("very-secret");
  }

  @Test
  void expiryIsExclusive() {
    SessionClaims c = Claims.role();
    assertThat(c.isExpiredAt(Claims.EXPIRES.minusSeconds(1))).isFalse();
    assertThat(c.isExpiredAt(Claims.EXPIRES)).isTrue();
  }

  @Test
  void refusesImpossibleClaims() {
    SessionClaims c = Claims.role();
    assertThatThrownBy(() -> with(c, c.issuedAt(), c.issuedAt(), 0, c.accessKeyId(), "x"))
        .hasMessageContaining("expires before");
    assertThatThrownBy(() -> with(c, c.issuedAt(), c.expiresAt(), -1, c.accessKeyId(), "x"))
        .hasMessageContaining("chain depth");
    assertThatThrownBy(() -> with(c, c.issuedAt(), c.expiresAt(), 256, c.accessKeyId(), "x"))
        .hasMessageContaining("chain depth");
    assertThatThrownBy(() -> with(c, c.issuedAt(), c.expiresAt(), 0, "AKIAEXAMPLE", "x"))
        .hasMessageContaining("ASIA");
    assertThatThrownBy(() -> with(c, c.issuedAt(), c.expiresAt(), 0, c.accessKeyId(), ""))
        .hasMessageContaining("session id");
    assertThatThrownBy(() -> new SessionPrincipal.AssumedRole("arn:aws:iam::1:user/x", "AROA", "s"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void truncatesToSeconds() {
    SessionClaims c = Claims.role();
    SessionClaims t =
        with(c, c.issuedAt().plusMillis(900), c.expiresAt(), 0, c.accessKeyId(), "id");
    assertThat(t.issuedAt()).isEqualTo(c.issuedAt());
  }

  @Test
  void temporaryCredentialsHaveAwsShapes() {
    java.security.SecureRandom random = new java.security.SecureRandom();
    TemporaryCredentials a = TemporaryCredentials.generate(random);
    TemporaryCredentials b = TemporaryCredentials.generate(random);
    assertThat(a.accessKeyId()).matches("ASIA[A-Z2-7]{16}");
    assertThat(a.secretAccessKey()).matches("[A-Za-z0-9+/]{40}");
    assertThat(a.accessKeyId()).isNotEqualTo(b.accessKeyId());
    assertThat(a.secretAccessKey()).isNotEqualTo(b.secretAccessKey());
    assertThat(TemporaryCredentials.newSessionId(random)).matches("[0-9a-f]{32}");
  }

  static SessionClaims with(
      SessionClaims c, Instant issued, Instant expires, int depth, String keyId, String id) {
    return new SessionClaims(
        id,
        c.partition(),
        c.accountId(),
        c.principal(),
        c.originId(),
        c.sourceIdentity(),
        issued,
        expires,
        c.mfa(),
        c.policies(),
        List.copyOf(c.tags()),
        c.transitiveTagKeys(),
        depth,
        keyId,
        c.secretAccessKey());
  }
}
