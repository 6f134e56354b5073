package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.PolicyDescriptorType;

/**
 * The founding scenario (SCENARIO.md) through the AWS SDK for Java v2 (StsClient and IamClient)
 * over a real socket, every step and every negative path with AWS's error code.
 */
class StsScenarioTest {
  static final String ACCOUNT = "123456789012";
  static final String ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/RoleS3FullAccess";
  static final String STUART_ARN = "arn:aws:iam::" + ACCOUNT + ":user/Stuart";

  @TempDir static Path data;
  static MutableClock clock = new MutableClock();
  static Gatehouse gatehouse;
  static IamClient root;
  static AwsBasicCredentials rootCredentials;
  static AwsBasicCredentials stuart;
  static AwsBasicCredentials bob;

  static String trust(String principal, String condition) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + principal
        + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:TagSession\"]"
        + condition
        + "}]}";
  }

  static String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\""
        + resource
        + "\"}]}";
  }

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            data,
            new ServerConfig.AccountChoice.Given(ACCOUNT),
            new ServerConfig.TlsChoice.Plain(),
            false,
            ServerConfig.DEFAULT_MAX_BODY_BYTES);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    gatehouse = Gatehouse.start(config, quiet, clock);
    Map<String, String> creds = LiveServer.credentialsFile(data.resolve("root-credentials"));
    rootCredentials =
        AwsBasicCredentials.create(
            creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"));
    root = iam(rootCredentials);
    // Step 1: the administrator creates RoleS3FullAccess trusting the account, AmazonS3FullAccess
    // attached, with a description.
    root.createRole(
        r ->
            r.roleName("RoleS3FullAccess")
                .description("Temporary S3 administration")
                .maxSessionDuration(43200)
                .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root", "")));
    root.attachRolePolicy(
        r ->
            r.roleName("RoleS3FullAccess").policyArn("arn:aws:iam::aws:policy/AmazonS3FullAccess"));
    // A role that grants something IAM can show: IAMReadOnlyAccess.
    root.createRole(
        r ->
            r.roleName("RoleIamRead")
                .maxSessionDuration(43200)
                .assumeRolePolicyDocument(trust("arn:aws:iam::" + ACCOUNT + ":root", "")));
    root.attachRolePolicy(
        r -> r.roleName("RoleIamRead").policyArn("arn:aws:iam::aws:policy/IAMReadOnlyAccess"));
    stuart = user("Stuart");
    bob = user("Bob");
    // Stuart may read one user on his own (his permission, not the role's).
    root.putUserPolicy(
        r ->
            r.userName("Stuart")
                .policyName("OwnGetUser")
                .policyDocument(allow("iam:GetUser", STUART_ARN)));
    root.putUserPolicy(
        r ->
            r.userName("Stuart")
                .policyName("AssumeIamRead")
                .policyDocument(
                    allow("sts:AssumeRole", "arn:aws:iam::" + ACCOUNT + ":role/RoleIamRead")));
  }

  static AwsBasicCredentials user(String name) {
    root.createUser(r -> r.userName(name));
    AccessKey key = root.createAccessKey(r -> r.userName(name)).accessKey();
    return AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey());
  }

  @AfterAll
  static void stop() {
    root.close();
    gatehouse.close();
  }

  static URI endpoint() {
    return URI.create("http://127.0.0.1:" + gatehouse.port());
  }

  static IamClient iam(AwsCredentials credentials) {
    return IamClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static StsClient sts(AwsCredentials credentials) {
    return StsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  static AwsSessionCredentials session(Credentials c) {
    return AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
  }

  static AwsServiceException error(ThrowingCallable call) {
    try {
      call.call();
    } catch (AwsServiceException e) {
      return e;
    } catch (Throwable t) {
      throw new AssertionError("unexpected " + t, t);
    }
    throw new AssertionError("no error");
  }

  static AssumeRoleResponse assume(AwsCredentials as, String roleArn, String session) {
    try (StsClient sts = sts(as)) {
      return sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName(session));
    }
  }

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
  void federationTokensAndSessionTagsAndSourceIdentity() {
    try (StsClient sts = sts(rootCredentials)) {
      var fed =
          sts.getFederationToken(
              r -> r.name("Bobby").policy(allow("iam:ListUsers", "*")).durationSeconds(900));
      assertThat(fed.federatedUser().arn())
          .isEqualTo("arn:aws:sts::" + ACCOUNT + ":federated-user/Bobby");
      assertThat(fed.federatedUser().federatedUserId()).isEqualTo(ACCOUNT + ":Bobby");
      try (StsClient asFed = sts(session(fed.credentials()));
          IamClient iam = iam(session(fed.credentials()))) {
        assertThat(asFed.getCallerIdentity().arn()).endsWith(":federated-user/Bobby");
        // Federated sessions make no IAM calls and no STS calls but GetCallerIdentity.
        assertThat(error(iam::listUsers).awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
        assertThat(
                error(() -> asFed.assumeRole(r -> r.roleArn(ROLE_ARN).roleSessionName("f1")))
                    .awsErrorDetails()
                    .errorCode())
            .isEqualTo("AccessDenied");
      }
    }
    root.createRole(
        r ->
            r.roleName("Tagged")
                .assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\""
                        + STUART_ARN
                        + "\"},\"Action\":[\"sts:AssumeRole\",\"sts:SetSourceIdentity\"]}]}"));
    String tagged = "arn:aws:iam::" + ACCOUNT + ":role/Tagged";
    try (StsClient sts = sts(stuart)) {
      // Tags need sts:TagSession in the trust policy.
      assertThat(
              error(
                      () ->
                          sts.assumeRole(
                              r ->
                                  r.roleArn(tagged)
                                      .roleSessionName("tags")
                                      .tags(
                                          software.amazon.awssdk.services.sts.model.Tag.builder()
                                              .key("project")
                                              .value("gatehouse")
                                              .build())))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
      AssumeRoleResponse withIdentity =
          sts.assumeRole(
              r -> r.roleArn(tagged).roleSessionName("sourced").sourceIdentity("stuart-laptop"));
      assertThat(withIdentity.sourceIdentity()).isEqualTo("stuart-laptop");
    }
    // A trust without sts:SetSourceIdentity refuses a source identity.
    try (StsClient sts = sts(stuart)) {
      root.createRole(
          r -> r.roleName("NoSourceIdentity").assumeRolePolicyDocument(trust(STUART_ARN, "")));
      assertThat(
              error(
                      () ->
                          sts.assumeRole(
                              r ->
                                  r.roleArn("arn:aws:iam::" + ACCOUNT + ":role/NoSourceIdentity")
                                      .roleSessionName("sourced")
                                      .sourceIdentity("stuart-laptop")))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
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
  void mfaRequiredByTheTrust() {
    root.createRole(
        r ->
            r.roleName("NeedsMfa")
                .assumeRolePolicyDocument(
                    trust(
                        STUART_ARN,
                        ",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}")));
    String arn = "arn:aws:iam::" + ACCOUNT + ":role/NeedsMfa";
    try (StsClient sts = sts(stuart)) {
      AwsServiceException missing =
          error(() -> sts.assumeRole(r -> r.roleArn(arn).roleSessionName("mfa-session")));
      assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      AwsServiceException wrong =
          error(
              () ->
                  sts.assumeRole(
                      r ->
                          r.roleArn(arn)
                              .roleSessionName("mfa-session")
                              .serialNumber("arn:aws:iam::" + ACCOUNT + ":mfa/Stuart")
                              .tokenCode("123456")));
      assertThat(wrong.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(wrong.awsErrorDetails().errorMessage())
          .startsWith("MultiFactorAuthentication failed with invalid MFA one time pass code.");
    }
  }

  @Test
  void mfaDeviceCodesAreAcceptedOnce() {
    String serial =
        root.createVirtualMFADevice(r -> r.virtualMFADeviceName("stuart-phone"))
            .virtualMFADevice()
            .serialNumber();
    assertThat(serial).isEqualTo("arn:aws:iam::" + ACCOUNT + ":mfa/stuart-phone");
    var created =
        root.listVirtualMFADevices(r -> r.assignmentStatus("Unassigned")).virtualMFADevices();
    assertThat(created).extracting(d -> d.serialNumber()).contains(serial);
    // The seed and QR code come only from the create call; recreate to read them.
    root.deleteVirtualMFADevice(r -> r.serialNumber(serial));
    var device =
        root.createVirtualMFADevice(r -> r.virtualMFADeviceName("stuart-phone")).virtualMFADevice();
    byte[] seed = Base32.decode(device.base32StringSeed().asUtf8String());
    assertThat(device.qrCodePNG().asByteArray()).startsWith(0x89, 'P', 'N', 'G');
    long t = Totp.DEFAULT.step(clock.instant());
    // Two codes that are not consecutive are refused.
    assertThat(
            error(
                    () ->
                        root.enableMFADevice(
                            r ->
                                r.userName("Stuart")
                                    .serialNumber(serial)
                                    .authenticationCode1(Totp.DEFAULT.code(seed, t - 3))
                                    .authenticationCode2(Totp.DEFAULT.code(seed, t))))
                .awsErrorDetails()
                .errorCode())
        .isEqualTo("InvalidAuthenticationCode");
    root.enableMFADevice(
        r ->
            r.userName("Stuart")
                .serialNumber(serial)
                .authenticationCode1(Totp.DEFAULT.code(seed, t - 1))
                .authenticationCode2(Totp.DEFAULT.code(seed, t)));
    assertThat(root.listMFADevices(r -> r.userName("Stuart")).mfaDevices())
        .extracting(d -> d.serialNumber())
        .containsExactly(serial);
    root.createRole(
        r ->
            r.roleName("MfaRole")
                .assumeRolePolicyDocument(
                    trust(
                        STUART_ARN,
                        ",\"Condition\":{\"Bool\":{\"aws:MultiFactorAuthPresent\":\"true\"}}")));
    String arn = "arn:aws:iam::" + ACCOUNT + ":role/MfaRole";
    String code = Totp.DEFAULT.code(seed, t + 1);
    try (StsClient sts = sts(stuart)) {
      assertThat(
              error(() -> sts.assumeRole(r -> r.roleArn(arn).roleSessionName("no-mfa")))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
      String wrong = code.equals("000000") ? "111111" : "000000";
      AwsServiceException bad =
          error(
              () ->
                  sts.assumeRole(
                      r ->
                          r.roleArn(arn)
                              .roleSessionName("bad-code")
                              .serialNumber(serial)
                              .tokenCode(wrong)));
      assertThat(bad.awsErrorDetails().errorMessage())
          .isEqualTo("MultiFactorAuthentication failed with invalid MFA one time pass code.");
      Credentials c =
          sts.assumeRole(
                  r ->
                      r.roleArn(arn)
                          .roleSessionName("with-mfa")
                          .serialNumber(serial)
                          .tokenCode(code))
              .credentials();
      assertThat(c.accessKeyId()).startsWith("ASIA");
      // The same code a second time: refused.
      AwsServiceException reused =
          error(
              () ->
                  sts.assumeRole(
                      r ->
                          r.roleArn(arn)
                              .roleSessionName("replay")
                              .serialNumber(serial)
                              .tokenCode(code)));
      assertThat(reused.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      assertThat(reused.awsErrorDetails().errorMessage())
          .isEqualTo("MultiFactorAuthentication failed with invalid MFA one time pass code.");
    }
    // A device in use cannot be deleted; deactivated, it can.
    assertThat(
            error(() -> root.deleteVirtualMFADevice(r -> r.serialNumber(serial)))
                .awsErrorDetails()
                .errorCode())
        .isEqualTo("DeleteConflict");
    root.deactivateMFADevice(r -> r.userName("Stuart").serialNumber(serial));
    root.deleteVirtualMFADevice(r -> r.serialNumber(serial));
    assertThat(root.listMFADevices(r -> r.userName("Stuart")).mfaDevices()).isEmpty();
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

  @Test
  void sessionTokenCredentialsCannotCallIamWithoutMfa() {
    try (StsClient sts = sts(stuart)) {
      Credentials c = sts.getSessionToken().credentials();
      assertThat(c.accessKeyId()).startsWith("ASIA");
      try (StsClient asSession = sts(session(c));
          IamClient iam = iam(session(c))) {
        assertThat(asSession.getCallerIdentity().arn()).isEqualTo(STUART_ARN);
        assertThat(
                error(() -> iam.getUser(r -> r.userName("Stuart"))).awsErrorDetails().errorCode())
            .isEqualTo("AccessDenied");
        assertThat(error(asSession::getSessionToken).awsErrorDetails().errorCode())
            .isEqualTo("AccessDenied");
      }
    }
  }

  @Test
  void federationTokenAndCallerIdentityShapes() {
    try (StsClient sts = sts(stuart)) {
      var fed =
          sts.getFederationToken(
              r -> r.name("Bobby").policy(allow("iam:ListUsers", "*")).durationSeconds(900));
      // Stuart has no sts:GetFederationToken permission: refused first.
      assertThat(fed).isNull();
    } catch (AwsServiceException e) {
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
    }
    try (StsClient asRoot = sts(AwsBasicCredentials.create("x", "y"))) {
      assertThat(error(asRoot::getCallerIdentity).awsErrorDetails().errorCode())
          .isEqualTo("InvalidClientTokenId");
    }
    try (StsClient sts = sts(stuart)) {
      GetCallerIdentityResponse me = sts.getCallerIdentity();
      assertThat(me.arn()).isEqualTo(STUART_ARN);
      assertThat(me.userId()).startsWith("AIDA");
      // GetAccessKeyInfo needs sts:GetAccessKeyInfo, which Stuart lacks and the root user has.
      assertThat(
              error(() -> sts.getAccessKeyInfo(r -> r.accessKeyId(bob.accessKeyId())))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
    }
    try (StsClient sts = sts(rootCredentials)) {
      assertThat(sts.getAccessKeyInfo(r -> r.accessKeyId(stuart.accessKeyId())).account())
          .isEqualTo(ACCOUNT);
      GetCallerIdentityResponse me = sts.getCallerIdentity();
      assertThat(me.arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
      assertThat(me.userId()).isEqualTo(ACCOUNT);
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
