package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * MFA, federation and session-token credentials through the AWS SDK for Java v2 over a real socket:
 * MFA demanded by a trust policy, codes accepted once, GetFederationToken and GetSessionToken
 * sessions and what they may call.
 */
class StsMfaAndFederationTest extends StsScenarioFixture {
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
}
