package dev.gatehouse.core.sts;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.NOW;
import static dev.gatehouse.core.iam.IamTestKit.fails;
import static dev.gatehouse.core.sts.StsFixture.assume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The claims SessionIssuer puts into AssumeRole, GetSessionToken and GetFederationToken tokens. */
class SessionIssuerTest {
  static final Instant ISSUED = NOW.truncatedTo(ChronoUnit.SECONDS);
  static final String ALLOW_S3 =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
          + "\"Resource\":\"*\"}]}";

  private final StsFixture f = new StsFixture();

  private static String below(int seconds) {
    return "1 validation error detected: Value '"
        + seconds
        + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater"
        + " than or equal to 900";
  }

  private static String above(int seconds, int max) {
    return "1 validation error detected: Value '"
        + seconds
        + "' at 'durationSeconds' failed to satisfy constraint: Member must have value less than"
        + " or equal to "
        + max;
  }

  private static AssumeRoleRequest assumeWith(
      String roleArn,
      SessionPolicies policies,
      List<SessionTag> tags,
      List<String> transitive,
      String sourceIdentity) {
    return new AssumeRoleRequest(
        roleArn,
        "s",
        Optional.empty(),
        "",
        new MfaCode("", ""),
        policies,
        tags,
        transitive,
        sourceIdentity);
  }

  /** The token carries exactly the claims, and unseals with the issued access key. */
  private SessionClaims sealed(SessionIssuer.Issued issued) {
    SessionClaims claims = issued.claims();
    assertThat(f.sealer.unseal(issued.token(), claims.accessKeyId(), ISSUED).claimsOrThrow())
        .isEqualTo(claims);
    return claims;
  }

  @Test
  void roleFindsARoleByItsFullArnOnly() {
    assertThat(f.issuer.role("arn:aws:iam::123456789012:role/ops/deploy")).contains(f.deploy);
    for (String arn :
        List.of(
            "arn:aws:iam::123456789012:role/deploy", // path missing
            "arn:aws:iam::123456789012:role/dev/deploy", // another path
            "arn:aws:iam::123456789012:role/ops/nobody",
            "arn:aws:iam::210987654321:role/ops/deploy", // another account
            "arn:aws:iam::12345678901:role/ops/deploy", // not an account id
            "arn:aws:sts::123456789012:role/ops/deploy", // not IAM
            "arn:aws:iam::123456789012:user/ops/deploy",
            "aws:aws:iam::123456789012:role/ops/deploy",
            "arn:aws:iam::123456789012",
            "deploy")) {
      assertThat(f.issuer.role(arn)).as(arn).isEmpty();
    }
  }

  @Test
  void assumeRoleFromLongTermCredentials() {
    Instant mfaAt = NOW.minusSeconds(40);
    SessionIssuer.Issued issued =
        f.issuer.assumeRole(
            f.alice, f.deploy, assume(f.deploy.arn(), "build-42"), MfaFacts.present(mfaAt));
    SessionClaims c = sealed(issued);
    assertThat(c.principal())
        .isEqualTo(new SessionPrincipal.AssumedRole(f.deploy.arn(), f.deploy.id(), "build-42"));
    assertThat(c.arn()).isEqualTo("arn:aws:sts::123456789012:assumed-role/deploy/build-42");
    assertThat(c.accountId()).isEqualTo(ACCOUNT);
    assertThat(c.originId()).isEqualTo(f.aliceUser.id());
    assertThat(c.chainDepth()).isZero();
    assertThat(c.issuedAt()).isEqualTo(ISSUED);
    // Without DurationSeconds: one hour, though the role allows two.
    assertThat(c.expiresAt()).isEqualTo(ISSUED.plus(Duration.ofHours(1)));
    // In whole seconds, as the token keeps it.
    assertThat(c.mfa()).isEqualTo(MfaFacts.present(mfaAt.truncatedTo(ChronoUnit.SECONDS)));
    assertThat(c.policies()).isEqualTo(SessionPolicies.none());
    assertThat(c.accessKeyId()).startsWith("ASIA");
    assertThat(issued.packedPolicySize()).isZero();
    assertThat(f.issuer.now()).isEqualTo(NOW);
    // Every issue is a new session with new credentials.
    SessionClaims again =
        f.issuer
            .assumeRole(f.alice, f.deploy, assume(f.deploy.arn(), "build-42"), MfaFacts.absent())
            .claims();
    assertThat(again.sessionId()).isNotEqualTo(c.sessionId());
    assertThat(again.accessKeyId()).isNotEqualTo(c.accessKeyId());
  }

  @Test
  void assumeRoleDurationIsCappedByTheRolesMaxSessionDuration() {
    assertThat(
            f.issuer
                .assumeRole(f.alice, f.deploy, assume(f.deploy.arn(), 7200), MfaFacts.absent())
                .claims()
                .expiresAt())
        .isEqualTo(ISSUED.plusSeconds(7200));
    assertThat(
            f.issuer
                .assumeRole(f.alice, f.deploy, assume(f.deploy.arn(), 900), MfaFacts.absent())
                .claims()
                .expiresAt())
        .isEqualTo(ISSUED.plusSeconds(900));
    fails(
        ErrorCode.VALIDATION_ERROR,
        DurationRules.MAX_SESSION_MESSAGE,
        () ->
            f.issuer.assumeRole(
                f.alice, f.deploy, assume(f.deploy.arn(), 7201), MfaFacts.absent()));
    fails(
        ErrorCode.VALIDATION_ERROR,
        below(899),
        () ->
            f.issuer.assumeRole(f.alice, f.deploy, assume(f.deploy.arn(), 899), MfaFacts.absent()));
    fails(
        ErrorCode.VALIDATION_ERROR,
        above(43201, 43200),
        () ->
            f.issuer.assumeRole(
                f.alice, f.deploy, assume(f.deploy.arn(), 43201), MfaFacts.absent()));
  }

  @Test
  void chainedSessionsAreCappedAtOneHourAndKeepTheirOriginAndMfa() {
    Instant mfaAt = NOW.minusSeconds(10);
    Principal.Session first =
        new Principal.Session(
            f.issuer
                .assumeRole(
                    f.alice, f.deploy, assume(f.deploy.arn(), 7200), MfaFacts.present(mfaAt))
                .claims());
    fails(
        ErrorCode.VALIDATION_ERROR,
        DurationRules.CHAINING_MESSAGE,
        () ->
            f.issuer.assumeRole(first, f.deploy, assume(f.deploy.arn(), 3601), MfaFacts.absent()));
    SessionClaims chained =
        sealed(
            f.issuer.assumeRole(first, f.deploy, assume(f.deploy.arn(), 3600), MfaFacts.absent()));
    assertThat(chained.expiresAt()).isEqualTo(ISSUED.plusSeconds(3600));
    assertThat(chained.chainDepth()).isEqualTo(1);
    assertThat(chained.isChained()).isTrue();
    assertThat(chained.originId()).isEqualTo(f.aliceUser.id());
    assertThat(chained.mfa())
        .as("inherited from the calling session")
        .isEqualTo(first.claims().mfa());
    // A fresh MFA code on the chained call wins.
    Instant later = NOW.minusSeconds(1);
    assertThat(
            f.issuer
                .assumeRole(first, f.deploy, assume(f.deploy.arn(), "s"), MfaFacts.present(later))
                .claims()
                .mfa())
        .isEqualTo(MfaFacts.present(later.truncatedTo(ChronoUnit.SECONDS)));
    // GetSessionToken credentials are temporary too: the chaining cap applies (DEVIATIONS T3).
    Principal.Session token =
        new Principal.Session(
            f.issuer
                .sessionToken(
                    f.alice,
                    new SessionTokenRequest(Optional.empty(), new MfaCode("", "")),
                    MfaFacts.absent())
                .claims());
    fails(
        ErrorCode.VALIDATION_ERROR,
        DurationRules.CHAINING_MESSAGE,
        () ->
            f.issuer.assumeRole(token, f.deploy, assume(f.deploy.arn(), 3601), MfaFacts.absent()));
  }

  @Test
  void sourceIdentityIsSetOnceAndPersistsThroughChaining() {
    SessionClaims first =
        sealed(
            f.issuer.assumeRole(
                f.alice,
                f.deploy,
                assumeWith(
                    f.deploy.arn(), SessionPolicies.none(), List.of(), List.of(), "alice@corp"),
                MfaFacts.absent()));
    assertThat(first.sourceIdentity()).isEqualTo("alice@corp");
    assertThat(first.sourceIdentityIfSet()).contains("alice@corp");
    Principal.Session session = new Principal.Session(first);
    SessionClaims kept =
        f.issuer
            .assumeRole(
                session,
                f.deploy,
                assumeWith(f.deploy.arn(), SessionPolicies.none(), List.of(), List.of(), ""),
                MfaFacts.absent())
            .claims();
    assertThat(kept.sourceIdentity()).isEqualTo("alice@corp");
    fails(
        ErrorCode.INVALID_PARAMETER_VALUE,
        "The source identity of a session cannot be changed: it is already set to alice@corp.",
        () ->
            f.issuer.assumeRole(
                session,
                f.deploy,
                assumeWith(f.deploy.arn(), SessionPolicies.none(), List.of(), List.of(), "mallory"),
                MfaFacts.absent()));
  }

  @Test
  void sessionTagsTransitiveKeysAndThePackedPolicySize() {
    List<SessionTag> tags =
        List.of(new SessionTag("Project", "Gatehouse"), new SessionTag("Team", "Platform"));
    SessionIssuer.Issued issued =
        f.issuer.assumeRole(
            f.alice,
            f.deploy,
            assumeWith(f.deploy.arn(), SessionPolicies.none(), tags, List.of("Project"), ""),
            MfaFacts.absent());
    SessionClaims c = sealed(issued);
    assertThat(c.tags()).isEqualTo(tags);
    assertThat(c.transitiveTagKeys()).containsExactly("Project");
    assertThat(issued.packedPolicySize())
        .isEqualTo(PackedPolicy.percent(SessionPolicies.none(), tags, List.of("Project")))
        .isBetween(1, 100);

    // Only the transitive tag passes to a chained session; its key cannot be set again.
    Principal.Session session = new Principal.Session(c);
    SessionClaims chained =
        f.issuer
            .assumeRole(
                session,
                f.deploy,
                assumeWith(
                    f.deploy.arn(),
                    SessionPolicies.none(),
                    List.of(new SessionTag("Stage", "prod")),
                    List.of(),
                    ""),
                MfaFacts.absent())
            .claims();
    assertThat(chained.tags())
        .containsExactly(new SessionTag("Project", "Gatehouse"), new SessionTag("Stage", "prod"));
    assertThat(chained.transitiveTagKeys()).containsExactly("Project");
    fails(
        ErrorCode.INVALID_PARAMETER_VALUE,
        "The session tag key project is already set by an inherited transitive session tag and"
            + " cannot be changed.",
        () ->
            f.issuer.assumeRole(
                session,
                f.deploy,
                assumeWith(
                    f.deploy.arn(),
                    SessionPolicies.none(),
                    List.of(new SessionTag("project", "other")),
                    List.of(),
                    ""),
                MfaFacts.absent()));
    fails(
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
        () ->
            f.issuer.assumeRole(
                f.alice,
                f.deploy,
                assumeWith(
                    f.deploy.arn(),
                    SessionPolicies.none(),
                    List.of(new SessionTag("a", "1"), new SessionTag("A", "2")),
                    List.of(),
                    ""),
                MfaFacts.absent()));
    fails(
        ErrorCode.INVALID_PARAMETER_VALUE,
        "The transitive tag key Other is not the key of a session tag.",
        () ->
            f.issuer.assumeRole(
                f.alice,
                f.deploy,
                assumeWith(f.deploy.arn(), SessionPolicies.none(), tags, List.of("Other"), ""),
                MfaFacts.absent()));
  }

  @Test
  void tooManyTagsOrTooLargeAPolicyIsPackedPolicyTooLarge() {
    Random random = new Random(7);
    List<SessionTag> tags = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      StringBuilder value = new StringBuilder();
      for (int j = 0; j < 100; j++) {
        value.append((char) ('a' + random.nextInt(26)));
      }
      tags.add(new SessionTag("k" + i, value.toString()));
    }
    int tagPercent = PackedPolicy.percent(SessionPolicies.none(), tags, List.of());
    assertThat(tagPercent).isGreaterThan(100);
    fails(
        ErrorCode.PACKED_POLICY_TOO_LARGE,
        "Packed size of session tags consumes " + tagPercent + "% of allotted space.",
        () ->
            f.issuer.assumeRole(
                f.alice,
                f.deploy,
                assumeWith(f.deploy.arn(), SessionPolicies.none(), tags, List.of(), ""),
                MfaFacts.absent()));

    List<String> arns = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      arns.add("arn:aws:iam::123456789012:policy/session/a-rather-long-policy-name-" + i);
    }
    SessionPolicies large = new SessionPolicies(largePolicy(), arns);
    int policyPercent = PackedPolicy.percent(large, List.of(), List.of());
    assertThat(policyPercent).isGreaterThan(100);
    String message =
        "Packed policy consumes "
            + policyPercent
            + "% of allotted space, please use smaller policy.";
    fails(
        ErrorCode.PACKED_POLICY_TOO_LARGE,
        message,
        () ->
            f.issuer.assumeRole(
                f.alice,
                f.deploy,
                assumeWith(f.deploy.arn(), large, List.of(), List.of(), ""),
                MfaFacts.absent()));
    fails(
        ErrorCode.PACKED_POLICY_TOO_LARGE,
        message,
        () ->
            f.issuer.federationToken(
                f.alice, new FederationTokenRequest("bob", Optional.empty(), large, List.of())));
  }

  /**
   * A valid session policy of about 1,900 characters: alone within the plaintext limit, over it
   * with ten managed policy ARNs.
   */
  private static String largePolicy() {
    StringBuilder resources = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      resources.append(i == 0 ? "" : ",").append("\"arn:aws:s3:::bucket-").append(i).append("/*\"");
    }
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "\"s3:GetObject\",\"Resource\":["
        + resources
        + "]}]}";
  }

  @Test
  void sessionPoliciesAreKeptAndAMalformedOneIsRefused() {
    SessionPolicies policies =
        new SessionPolicies(ALLOW_S3, List.of("arn:aws:iam::aws:policy/ReadOnlyAccess"));
    SessionIssuer.Issued issued =
        f.issuer.assumeRole(
            f.alice,
            f.deploy,
            assumeWith(f.deploy.arn(), policies, List.of(), List.of(), ""),
            MfaFacts.absent());
    assertThat(sealed(issued).policies()).isEqualTo(policies);
    assertThat(issued.packedPolicySize()).isBetween(1, 100);

    SessionPolicies malformed = new SessionPolicies("{\"Version\":\"2012-10-17\"", List.of());
    assertThatThrownBy(
            () ->
                f.issuer.assumeRole(
                    f.alice,
                    f.deploy,
                    assumeWith(f.deploy.arn(), malformed, List.of(), List.of(), ""),
                    MfaFacts.absent()))
        .isInstanceOf(GatehouseException.class)
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.MALFORMED_POLICY_DOCUMENT);
    // A session policy cannot name a principal.
    String withPrincipal =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"s3:*\",\"Resource\":\"*\"}]}";
    assertThatThrownBy(
            () ->
                f.issuer.federationToken(
                    f.alice,
                    new FederationTokenRequest(
                        "bob",
                        Optional.empty(),
                        new SessionPolicies(withPrincipal, List.of()),
                        List.of())))
        .isInstanceOf(GatehouseException.class)
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.MALFORMED_POLICY_DOCUMENT);
  }

  private SessionClaims sessionToken(Principal caller, Optional<Integer> seconds, MfaFacts mfa) {
    return sealed(
        f.issuer.sessionToken(caller, new SessionTokenRequest(seconds, new MfaCode("", "")), mfa));
  }

  @Test
  void getSessionTokenForAnIamUser() {
    Instant mfaAt = NOW.minusSeconds(5);
    SessionClaims c = sessionToken(f.alice, Optional.empty(), MfaFacts.present(mfaAt));
    assertThat(c.principal())
        .isEqualTo(new SessionPrincipal.UserSession(f.alice.arn(), f.aliceUser.id()));
    assertThat(c.arn()).isEqualTo("arn:aws:iam::123456789012:user/eng/alice");
    assertThat(c.originId()).isEqualTo(f.aliceUser.id());
    assertThat(c.mfa()).isEqualTo(MfaFacts.present(mfaAt.truncatedTo(ChronoUnit.SECONDS)));
    assertThat(c.tags()).isEmpty();
    assertThat(c.policies()).isEqualTo(SessionPolicies.none());
    assertThat(c.expiresAt()).as("12 hours by default").isEqualTo(ISSUED.plusSeconds(43200));
    assertThat(sessionToken(f.alice, Optional.of(129600), MfaFacts.absent()).expiresAt())
        .isEqualTo(ISSUED.plusSeconds(129600));
    assertThat(sessionToken(f.alice, Optional.of(900), MfaFacts.absent()).expiresAt())
        .isEqualTo(ISSUED.plusSeconds(900));
    fails(
        ErrorCode.VALIDATION_ERROR,
        above(129601, 129600),
        () -> sessionToken(f.alice, Optional.of(129601), MfaFacts.absent()));
    fails(
        ErrorCode.VALIDATION_ERROR,
        below(899),
        () -> sessionToken(f.alice, Optional.of(899), MfaFacts.absent()));
  }

  @Test
  void getSessionTokenForTheRootUserLastsAtMostOneHour() {
    SessionClaims c = sessionToken(f.root, Optional.empty(), MfaFacts.absent());
    assertThat(c.principal())
        .isEqualTo(new SessionPrincipal.UserSession("arn:aws:iam::123456789012:root", ACCOUNT));
    assertThat(((SessionPrincipal.UserSession) c.principal()).isRoot()).isTrue();
    assertThat(c.originId()).isEqualTo(ACCOUNT);
    assertThat(c.expiresAt()).isEqualTo(ISSUED.plusSeconds(3600));
    // spec: "If the duration is longer than one hour, the session for AWS account owners
    // defaults to one hour."
    assertThat(sessionToken(f.root, Optional.of(129600), MfaFacts.absent()).expiresAt())
        .isEqualTo(ISSUED.plusSeconds(3600));
    assertThat(sessionToken(f.root, Optional.of(1800), MfaFacts.absent()).expiresAt())
        .isEqualTo(ISSUED.plusSeconds(1800));
    fails(
        ErrorCode.VALIDATION_ERROR,
        above(129601, 129600),
        () -> sessionToken(f.root, Optional.of(129601), MfaFacts.absent()));
  }

  @Test
  void sessionCredentialsCannotGetASessionOrFederationToken() {
    Principal.Session session = f.deploySession();
    fails(
        ErrorCode.ACCESS_DENIED,
        "Cannot call GetSessionToken with session credentials",
        () -> sessionToken(session, Optional.empty(), MfaFacts.absent()));
    fails(
        ErrorCode.ACCESS_DENIED,
        "Cannot call GetFederationToken with session credentials",
        () ->
            f.issuer.federationToken(
                session,
                new FederationTokenRequest(
                    "bob", Optional.empty(), SessionPolicies.none(), List.of())));
  }

  @Test
  void getFederationToken() {
    List<SessionTag> tags = List.of(new SessionTag("Dept", "Sales"));
    SessionPolicies policies = new SessionPolicies(ALLOW_S3, List.of());
    SessionIssuer.Issued issued =
        f.issuer.federationToken(
            f.alice, new FederationTokenRequest("bob", Optional.empty(), policies, tags));
    SessionClaims c = sealed(issued);
    assertThat(c.principal())
        .isEqualTo(new SessionPrincipal.FederatedUser(f.alice.arn(), f.aliceUser.id(), "bob"));
    assertThat(c.arn()).isEqualTo("arn:aws:sts::123456789012:federated-user/bob");
    assertThat(c.originId()).isEqualTo(f.aliceUser.id());
    assertThat(c.mfa()).isEqualTo(MfaFacts.absent());
    assertThat(c.policies()).isEqualTo(policies);
    assertThat(c.tags()).isEqualTo(tags);
    assertThat(c.transitiveTagKeys()).isEmpty();
    assertThat(c.expiresAt()).isEqualTo(ISSUED.plusSeconds(43200));
    assertThat(issued.packedPolicySize())
        .isEqualTo(PackedPolicy.percent(policies, tags, List.of()));

    FederationTokenRequest twoDays =
        new FederationTokenRequest("bob", Optional.of(129600), policies, List.of());
    assertThat(f.issuer.federationToken(f.alice, twoDays).claims().expiresAt())
        .isEqualTo(ISSUED.plusSeconds(129600));
    assertThat(f.issuer.federationToken(f.root, twoDays).claims().expiresAt())
        .isEqualTo(ISSUED.plusSeconds(3600));
    assertThat(
            f.issuer
                .federationToken(
                    f.root,
                    new FederationTokenRequest("bob", Optional.empty(), policies, List.of()))
                .claims()
                .expiresAt())
        .isEqualTo(ISSUED.plusSeconds(3600));
    fails(
        ErrorCode.VALIDATION_ERROR,
        below(600),
        () ->
            f.issuer.federationToken(
                f.alice, new FederationTokenRequest("bob", Optional.of(600), policies, List.of())));
    fails(
        ErrorCode.INVALID_PARAMETER_VALUE,
        "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
        () ->
            f.issuer.federationToken(
                f.alice,
                new FederationTokenRequest(
                    "bob",
                    Optional.empty(),
                    policies,
                    List.of(new SessionTag("k", "1"), new SessionTag("K", "2")))));
  }
}
