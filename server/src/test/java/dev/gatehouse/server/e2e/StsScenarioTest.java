package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.sigv4.Header;
import dev.gatehouse.sigv4.SignedRequest;
import dev.gatehouse.sigv4.Signer;
import dev.gatehouse.sigv4.SignerOptions;
import dev.gatehouse.sigv4.SigningCredentials;
import dev.gatehouse.sigv4.SigningKeyCache;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

/**
 * The founding scenario (SCENARIO.md) through the AWS SDK for Java v2 over a real socket: every
 * step and every negative path of assuming a role, with AWS's error code.
 */
class StsScenarioTest extends StsScenarioFixture {
  @Test
  void trustNamingTheAccountDelegatesToTheCallersIdentityPolicy() {
    // Step 7: Stuart without the inline policy, the trust naming the account root.
    AwsServiceException denied = error(() -> assume(stuart, ROLE_ARN, "s3-admin"));
    assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.awsErrorDetails().errorMessage())
        .isEqualTo(
            "User: "
                + STUART_ARN
                + " is not authorized to perform: sts:AssumeRole on resource: "
                + ROLE_ARN);
    // Step 3: the inline policy AssumeRoleS3.
    root.putUserPolicy(
        r ->
            r.userName("Stuart")
                .policyName("AssumeRoleS3")
                .policyDocument(allow("sts:AssumeRole", ROLE_ARN)));
    try {
      AssumeRoleResponse ok = assume(stuart, ROLE_ARN, "s3-admin");
      assertThat(ok.credentials().accessKeyId()).startsWith("ASIA");
      assertThat(ok.credentials().secretAccessKey()).isNotBlank();
      assertThat(ok.credentials().sessionToken()).isNotBlank();
      assertThat(ok.assumedRoleUser().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/RoleS3FullAccess/s3-admin");
      assertThat(ok.assumedRoleUser().assumedRoleId()).startsWith("AROA").endsWith(":s3-admin");
      assertThat(ok.credentials().expiration())
          .isBetween(
              clock.instant().plus(Duration.ofMinutes(59)),
              clock.instant().plus(Duration.ofMinutes(61)));
      // Bob, untrusted by his own policies, is still refused.
      assertThat(error(() -> assume(bob, ROLE_ARN, "bob-try")).awsErrorDetails().errorCode())
          .isEqualTo("AccessDenied");
    } finally {
      root.deleteUserPolicy(r -> r.userName("Stuart").policyName("AssumeRoleS3"));
    }
  }

  @Test
  void trustNamingStuartSufficesAloneAndRefusesOthers() {
    root.createRole(r -> r.roleName("OnlyStuart").assumeRolePolicyDocument(trust(STUART_ARN, "")));
    String arn = "arn:aws:iam::" + ACCOUNT + ":role/OnlyStuart";
    // Step 2: the trust names Stuart; no identity policy of his is needed in the same account.
    assertThat(assume(stuart, arn, "only").assumedRoleUser().arn()).endsWith("OnlyStuart/only");
    // A user not named in the trust policy.
    AwsServiceException denied = error(() -> assume(bob, arn, "only"));
    assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(denied.awsErrorDetails().errorMessage()).contains("user/Bob");
  }

  @Test
  void rootMayNotAssumeRolesWhateverTheTrustSays() {
    // The role trusts the account root, which on its own would let the root user's identity
    // (allowed everything) assume it.
    AwsServiceException denied = error(() -> assume(rootCredentials, ROLE_ARN, "as-root"));
    assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.awsErrorDetails().errorMessage())
        .isEqualTo("Roles may not be assumed by root accounts.");
    // Nor with the root user's own session credentials.
    try (StsClient sts = sts(rootCredentials)) {
      Credentials token = sts.getSessionToken().credentials();
      AwsServiceException viaSession = error(() -> assume(session(token), ROLE_ARN, "as-root"));
      assertThat(viaSession.awsErrorDetails().errorMessage())
          .isEqualTo("Roles may not be assumed by root accounts.");
    }
  }

  @Test
  void aTrustPolicyTrustingEveryoneStaysSubjectToTheCallersBoundary() {
    root.createRole(r -> r.roleName("TrustsEveryone").assumeRolePolicyDocument(trust("*", "")));
    String arn = "arn:aws:iam::" + ACCOUNT + ":role/TrustsEveryone";
    root.createPolicy(r -> r.policyName("OnlyGetUser").policyDocument(allow("iam:GetUser", "*")));
    String boundary = "arn:aws:iam::" + ACCOUNT + ":policy/OnlyGetUser";
    AwsBasicCredentials bounded = user("Bounded");
    root.putUserPermissionsBoundary(r -> r.userName("Bounded").permissionsBoundary(boundary));
    // The trust's "*" does not name him, so his boundary, which lacks sts:AssumeRole, decides.
    AwsServiceException denied = error(() -> assume(bounded, arn, "bounded"));
    assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    // Once the boundary allows it, the trust suffices (no identity policy of his is needed).
    root.createPolicyVersion(
        r -> r.policyArn(boundary).policyDocument(allow("sts:AssumeRole", arn)).setAsDefault(true));
    assertThat(assume(bounded, arn, "bounded").assumedRoleUser().arn())
        .endsWith("TrustsEveryone/bounded");
  }

  @Test
  void presignedStsCallsLiveFifteenMinutesWhateverTheirExpiry() throws Exception {
    // As Kubernetes authenticators use it: GetCallerIdentity signed for 60 s, presented later.
    assertThat(presignedCallerIdentity(Duration.ofMinutes(14), Duration.ofSeconds(60)).statusCode())
        .isEqualTo(200);
    // Signed for 7 days, presented after 16 minutes: STS's window has closed.
    HttpResponse<String> late = presignedCallerIdentity(Duration.ofMinutes(16), Duration.ofDays(7));
    assertThat(late.statusCode()).isEqualTo(400);
    assertThat(late.body()).contains("<Code>RequestExpired</Code>");
  }

  /** A GET of GetCallerIdentity presigned as Stuart {@code age} ago, valid for {@code expires}. */
  private static HttpResponse<String> presignedCallerIdentity(Duration age, Duration expires)
      throws Exception {
    String host = endpoint().getHost() + ":" + endpoint().getPort();
    SignedRequest unsigned =
        SignedRequest.of(
            "GET",
            "/",
            "Action=GetCallerIdentity&Version=2011-06-15",
            List.of(new Header("Host", host)),
            new byte[0]);
    SignedRequest signed =
        new Signer(new SigningKeyCache(4))
            .presign(
                unsigned,
                SigningCredentials.of(stuart.accessKeyId(), stuart.secretAccessKey()),
                "us-east-1",
                "sts",
                clock.instant().minus(age),
                expires,
                SignerOptions.DEFAULT)
            .request();
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(endpoint() + "/?" + signed.rawQuery())).GET().build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void getRoleShowsWhenAndWhereTheRoleWasLastAssumed() {
    root.createRole(
        r -> r.roleName("LastUsedProbe").assumeRolePolicyDocument(trust(STUART_ARN, "")));
    var before = root.getRole(r -> r.roleName("LastUsedProbe")).role().roleLastUsed();
    assertThat(before.lastUsedDate()).isNull();
    assertThat(before.region()).isNull();
    // A refused AssumeRole is no use of the role.
    error(() -> assume(bob, "arn:aws:iam::" + ACCOUNT + ":role/LastUsedProbe", "no"));
    assertThat(root.getRole(r -> r.roleName("LastUsedProbe")).role().roleLastUsed().lastUsedDate())
        .isNull();
    assume(stuart, "arn:aws:iam::" + ACCOUNT + ":role/LastUsedProbe", "probe");
    var after = root.getRole(r -> r.roleName("LastUsedProbe")).role().roleLastUsed();
    assertThat(after.lastUsedDate()).isNotNull();
    assertThat(after.region()).isEqualTo("us-east-1");
    // ListRoles leaves RoleLastUsed out, as AWS does.
    assertThat(root.listRoles().roles())
        .filteredOn(r -> r.roleName().equals("LastUsedProbe"))
        .singleElement()
        .satisfies(r -> assertThat(r.roleLastUsed()).isNull());
  }

  @Test
  void theSessionActsAsTheRoleAndNothingOfTheUser() {
    Credentials c =
        assume(stuart, "arn:aws:iam::" + ACCOUNT + ":role/RoleIamRead", "reader").credentials();
    try (StsClient sts = sts(session(c));
        IamClient iam = iam(session(c));
        IamClient asStuart = iam(stuart)) {
      GetCallerIdentityResponse me = sts.getCallerIdentity();
      assertThat(me.arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":assumed-role/RoleIamRead/reader");
      assertThat(me.account()).isEqualTo(ACCOUNT);
      assertThat(me.userId()).startsWith("AROA").endsWith(":reader");
      // The role grants IAMReadOnlyAccess: the session lists users.
      assertThat(iam.listUsers().users()).extracting(u -> u.userName()).contains("Stuart");
      // Stuart alone cannot list users.
      assertThat(error(asStuart::listUsers).awsErrorDetails().errorCode())
          .isEqualTo("AccessDenied");
      // The role cannot create users; Stuart's identity does not carry over.
      AwsServiceException denied = error(() -> iam.createUser(r -> r.userName("Mallory")));
      assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(denied.awsErrorDetails().errorMessage())
          .startsWith("User: arn:aws:sts::" + ACCOUNT + ":assumed-role/RoleIamRead/reader is not");
    }
    // The S3 role's session has no IAM permission at all, though Stuart may GetUser himself.
    root.putUserPolicy(
        r ->
            r.userName("Stuart")
                .policyName("AssumeRoleS3")
                .policyDocument(allow("sts:AssumeRole", ROLE_ARN)));
    try {
      Credentials s3 = assume(stuart, ROLE_ARN, "s3").credentials();
      try (IamClient iam = iam(session(s3));
          IamClient asStuart = iam(stuart)) {
        assertThat(asStuart.getUser(r -> r.userName("Stuart")).user().userName())
            .isEqualTo("Stuart");
        assertThat(
                error(() -> iam.getUser(r -> r.userName("Stuart"))).awsErrorDetails().errorCode())
            .isEqualTo("AccessDenied");
      }
    } finally {
      root.deleteUserPolicy(r -> r.userName("Stuart").policyName("AssumeRoleS3"));
    }
  }

  @Test
  void sessionPoliciesNarrowTheRole() {
    String arn = "arn:aws:iam::" + ACCOUNT + ":role/RoleIamRead";
    try (StsClient sts = sts(stuart)) {
      AssumeRoleResponse managed =
          sts.assumeRole(
              r ->
                  r.roleArn(arn)
                      .roleSessionName("managed")
                      .policyArns(
                          PolicyDescriptorType.builder()
                              .arn("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
                              .build()));
      AssumeRoleResponse inline =
          sts.assumeRole(
              r -> r.roleArn(arn).roleSessionName("inline").policy(allow("iam:ListUsers", "*")));
      try (IamClient narrowed = iam(session(managed.credentials()));
          IamClient listOnly = iam(session(inline.credentials()))) {
        // The role reads IAM; the managed session policy grants only S3: nothing of IAM remains.
        assertThat(error(narrowed::listUsers).awsErrorDetails().errorCode())
            .isEqualTo("AccessDenied");
        assertThat(listOnly.listUsers().users()).isNotEmpty();
        assertThat(error(listOnly::listRoles).awsErrorDetails().errorCode())
            .isEqualTo("AccessDenied");
      }
      assertThat(
              error(
                      () ->
                          sts.assumeRole(
                              r ->
                                  r.roleArn(arn)
                                      .roleSessionName("missing")
                                      .policyArns(
                                          PolicyDescriptorType.builder()
                                              .arn(
                                                  "arn:aws:iam::"
                                                      + ACCOUNT
                                                      + ":policy/NoSuchPolicy")
                                              .build())))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("InvalidParameterValue");
      assertThat(
              error(
                      () ->
                          sts.assumeRole(
                              r -> r.roleArn(arn).roleSessionName("bad").policy("{not json")))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("MalformedPolicyDocument");
    }
  }

  @Test
  void chainedSessionsAreCappedAtOneHour() {
    Credentials c =
        assume(stuart, "arn:aws:iam::" + ACCOUNT + ":role/RoleIamRead", "first").credentials();
    root.createRole(
        r ->
            r.roleName("ChainTarget")
                .maxSessionDuration(43200)
                .assumeRolePolicyDocument(
                    trust("arn:aws:iam::" + ACCOUNT + ":role/RoleIamRead", "")));
    try (StsClient sts = sts(session(c))) {
      // Within the hour, the chained session is issued.
      assertThat(
              sts.assumeRole(
                      r ->
                          r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/ChainTarget")
                              .roleSessionName("second")
                              .durationSeconds(3600))
                  .assumedRoleUser()
                  .arn())
          .endsWith("ChainTarget/second");
      // The role allows 12 hours; a chained request for two is refused anyway.
      AwsServiceException e =
          error(
              () ->
                  sts.assumeRole(
                      r ->
                          r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/ChainTarget")
                              .roleSessionName("second")
                              .durationSeconds(7200)));
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
      assertThat(e.awsErrorDetails().errorMessage()).contains("1 hour");
    }
  }

  @Test
  void externalIdMustMatch() {
    root.createRole(
        r ->
            r.roleName("Vendor")
                .assumeRolePolicyDocument(
                    trust(
                        STUART_ARN,
                        ",\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"the-secret-id\"}}")));
    String arn = "arn:aws:iam::" + ACCOUNT + ":role/Vendor";
    try (StsClient sts = sts(stuart)) {
      assertThat(
              error(
                      () ->
                          sts.assumeRole(
                              r -> r.roleArn(arn).roleSessionName("vendor").externalId("wrong-id")))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
      assertThat(
              error(() -> sts.assumeRole(r -> r.roleArn(arn).roleSessionName("vendor")))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
      assertThat(
              sts.assumeRole(
                      r -> r.roleArn(arn).roleSessionName("vendor").externalId("the-secret-id"))
                  .assumedRoleUser()
                  .arn())
          .endsWith("Vendor/vendor");
    }
  }

  @Test
  void aRecreatedRoleDoesNotServeOldSessions() {
    root.createRole(r -> r.roleName("Ephemeral").assumeRolePolicyDocument(trust(STUART_ARN, "")));
    root.attachRolePolicy(
        r -> r.roleName("Ephemeral").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
    Credentials old =
        assume(stuart, "arn:aws:iam::" + ACCOUNT + ":role/Ephemeral", "before").credentials();
    try (IamClient iam = iam(session(old))) {
      assertThat(iam.listRoles().roles()).isNotEmpty();
      root.detachRolePolicy(
          r -> r.roleName("Ephemeral").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
      root.deleteRole(r -> r.roleName("Ephemeral"));
      root.createRole(r -> r.roleName("Ephemeral").assumeRolePolicyDocument(trust(STUART_ARN, "")));
      root.attachRolePolicy(
          r -> r.roleName("Ephemeral").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
      // Same name, new role (new AROA id): the old session gets none of its permissions.
      assertThat(error(iam::listRoles).awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }
  }

  @Test
  void revokeOlderSessionsPolicyDeniesSessionsIssuedBefore() {
    root.createRole(r -> r.roleName("Revocable").assumeRolePolicyDocument(trust(STUART_ARN, "")));
    root.attachRolePolicy(
        r -> r.roleName("Revocable").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
    String arn = "arn:aws:iam::" + ACCOUNT + ":role/Revocable";
    Credentials old = assume(stuart, arn, "old").credentials();
    try (IamClient iam = iam(session(old))) {
      assertThat(iam.listRoles().roles()).isNotEmpty();
      // AWS's "Revoke active sessions": an inline deny on aws:TokenIssueTime before now.
      String cutoff =
          Instant.now()
              .plusSeconds(1)
              .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
              .toString();
      root.putRolePolicy(
          r ->
              r.roleName("Revocable")
                  .policyName("AWSRevokeOlderSessions")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":"
                          + "[\"*\"],\"Resource\":[\"*\"],\"Condition\":{\"DateLessThan\":"
                          + "{\"aws:TokenIssueTime\":\""
                          + cutoff
                          + "\"}}}]}"));
      assertThat(error(iam::listRoles).awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }
  }

  /** The token with one character in its middle changed. */
  static String garble(String token) {
    int i = token.length() / 2;
    char changed = token.charAt(i) == 'B' ? 'C' : 'B';
    return token.substring(0, i) + changed + token.substring(i + 1);
  }

  @Test
  void garbledAndExpiredTokens() {
    Credentials c =
        assume(stuart, "arn:aws:iam::" + ACCOUNT + ":role/RoleIamRead", "short").credentials();
    try (StsClient garbled =
        sts(
            AwsSessionCredentials.create(
                c.accessKeyId(), c.secretAccessKey(), garble(c.sessionToken())))) {
      assertThat(error(garbled::getCallerIdentity).awsErrorDetails().errorCode())
          .isEqualTo("InvalidClientTokenId");
    }
    try (StsClient sts = sts(session(c))) {
      assertThat(sts.getCallerIdentity().arn()).endsWith("RoleIamRead/short");
      // Two hours later (the SDK corrects its clock skew from the server's Date header).
      clock.advance(Duration.ofHours(2));
      AwsServiceException e = error(sts::getCallerIdentity);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ExpiredToken");
      assertThat(e.awsErrorDetails().errorMessage())
          .isEqualTo("The security token included in the request is expired");
    } finally {
      clock.advance(Duration.ofHours(-2));
    }
  }
}
