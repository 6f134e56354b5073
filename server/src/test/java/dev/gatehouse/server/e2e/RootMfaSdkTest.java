package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AssignmentStatusType;
import software.amazon.awssdk.services.iam.model.MFADevice;
import software.amazon.awssdk.services.iam.model.SummaryKeyType;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The root user's own virtual MFA device through the AWS SDK for Java v2: EnableMFADevice,
 * ListMFADevices and DeactivateMFADevice called with the root user's key and no UserName act on the
 * root user; the device then carries GetSessionToken's MFA facts for the root user alone.
 */
class RootMfaSdkTest extends StsScenarioFixture {

  private static int accountMfaEnabled() {
    return root.getAccountSummary().summaryMap().get(SummaryKeyType.ACCOUNT_MFA_ENABLED);
  }

  @Test
  void theRootUserEnablesListsUsesAndDeactivatesItsOwnDevice() {
    VirtualMFADevice created =
        root.createVirtualMFADevice(r -> r.virtualMFADeviceName("root-account-mfa-device"))
            .virtualMFADevice();
    String serial = created.serialNumber();
    assertThat(serial).isEqualTo("arn:aws:iam::" + ACCOUNT + ":mfa/root-account-mfa-device");
    byte[] seed = Base32.decode(created.base32StringSeed().asUtf8String());
    long t = Totp.DEFAULT.step(clock.instant());
    assertThat(accountMfaEnabled()).isZero();

    AwsServiceException notConsecutive =
        error(
            () ->
                root.enableMFADevice(
                    r ->
                        r.serialNumber(serial)
                            .authenticationCode1(Totp.DEFAULT.code(seed, t - 3))
                            .authenticationCode2(Totp.DEFAULT.code(seed, t))));
    assertThat(notConsecutive.awsErrorDetails().errorCode()).isEqualTo("InvalidAuthenticationCode");
    assertThat(root.listMFADevices().mfaDevices()).isEmpty();

    root.enableMFADevice(
        r ->
            r.serialNumber(serial)
                .authenticationCode1(Totp.DEFAULT.code(seed, t - 1))
                .authenticationCode2(Totp.DEFAULT.code(seed, t)));

    var mine = root.listMFADevices();
    assertThat(mine.isTruncated()).isFalse();
    assertThat(mine.mfaDevices()).hasSize(1);
    MFADevice device = mine.mfaDevices().get(0);
    assertThat(device.serialNumber()).isEqualTo(serial);
    assertThat(device.userName()).isEqualTo(ACCOUNT);
    assertThat(device.enableDate()).isNotNull();
    assertThat(accountMfaEnabled()).isEqualTo(1);
    // It is nobody else's.
    assertThat(root.listMFADevices(r -> r.userName("Stuart")).mfaDevices()).isEmpty();
    VirtualMFADevice listed =
        root
            .listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.ASSIGNED))
            .virtualMFADevices()
            .stream()
            .filter(d -> d.serialNumber().equals(serial))
            .findFirst()
            .orElseThrow();
    assertThat(listed.user().arn()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
    assertThat(listed.user().userId()).isEqualTo(ACCOUNT);
    assertThat(listed.user().userName()).isNull();
    assertThat(listed.enableDate()).isNotNull();
    assertThat(
            root.listVirtualMFADevices(r -> r.assignmentStatus(AssignmentStatusType.UNASSIGNED))
                .virtualMFADevices())
        .noneMatch(d -> d.serialNumber().equals(serial));
    // In use: it can be neither deleted nor given to a user.
    assertThat(
            error(() -> root.deleteVirtualMFADevice(r -> r.serialNumber(serial)))
                .awsErrorDetails()
                .errorCode())
        .isEqualTo("DeleteConflict");
    assertThat(
            error(
                    () ->
                        root.enableMFADevice(
                            r ->
                                r.userName("Stuart")
                                    .serialNumber(serial)
                                    .authenticationCode1(Totp.DEFAULT.code(seed, t))
                                    .authenticationCode2(Totp.DEFAULT.code(seed, t + 1))))
                .awsErrorDetails()
                .errorCode())
        .isEqualTo("EntityAlreadyExists");

    // GetSessionToken with the root user's code: the session may call IAM, as MFA sessions may.
    String code = Totp.DEFAULT.code(seed, t + 1);
    try (StsClient sts = sts(rootCredentials)) {
      Credentials withMfa =
          sts.getSessionToken(r -> r.serialNumber(serial).tokenCode(code)).credentials();
      try (IamClient iam = iam(session(withMfa))) {
        assertThat(iam.listUsers().users()).isNotEmpty();
      }
      // The code is used up.
      assertThat(
              error(() -> sts.getSessionToken(r -> r.serialNumber(serial).tokenCode(code)))
                  .awsErrorDetails()
                  .errorMessage())
          .isEqualTo("MultiFactorAuthentication failed with invalid MFA one time pass code.");
      // Without the code, a session token may not call IAM.
      Credentials without = sts.getSessionToken().credentials();
      try (IamClient iam = iam(session(without))) {
        assertThat(error(iam::listUsers).awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
      }
    }
    // An IAM user cannot use the root user's device, even with a fresh code (the next step's;
    // the clock is shared with the other scenario tests, so it is put back).
    Duration step = Duration.ofSeconds(Totp.DEFAULT.stepSeconds());
    clock.advance(step);
    try (StsClient sts = sts(stuart)) {
      String next = Totp.DEFAULT.code(seed, Totp.DEFAULT.step(clock.instant()) + 1);
      assertThat(
              error(() -> sts.getSessionToken(r -> r.serialNumber(serial).tokenCode(next)))
                  .awsErrorDetails()
                  .errorCode())
          .isEqualTo("AccessDenied");
    } finally {
      clock.advance(step.negated());
    }

    root.deactivateMFADevice(r -> r.serialNumber(serial));
    assertThat(root.listMFADevices().mfaDevices()).isEmpty();
    assertThat(accountMfaEnabled()).isZero();
    root.deleteVirtualMFADevice(r -> r.serialNumber(serial));
    assertThat(root.listVirtualMFADevices().virtualMFADevices())
        .noneMatch(d -> d.serialNumber().equals(serial));
  }

  @Test
  void anyoneElseMustNameTheUser() {
    VirtualMFADevice created =
        root.createVirtualMFADevice(r -> r.virtualMFADeviceName("not-for-bob")).virtualMFADevice();
    byte[] seed = Base32.decode(created.base32StringSeed().asUtf8String());
    long t = Totp.DEFAULT.step(clock.instant());
    root.putUserPolicy(
        r ->
            r.userName("Bob")
                .policyName("ManageMfa")
                .policyDocument(allow("iam:*MFADevice*", "*")));
    try (IamClient asBob = iam(bob)) {
      AwsServiceException missing =
          error(
              () ->
                  asBob.enableMFADevice(
                      r ->
                          r.serialNumber(created.serialNumber())
                              .authenticationCode1(Totp.DEFAULT.code(seed, t - 1))
                              .authenticationCode2(Totp.DEFAULT.code(seed, t))));
      assertThat(missing.statusCode()).isEqualTo(400);
      assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("MissingParameter");
      assertThat(missing.awsErrorDetails().errorMessage())
          .isEqualTo("The request must contain the parameter UserName");
      // Bob's own list is his, not the root user's.
      assertThat(asBob.listMFADevices().mfaDevices()).isEmpty();
    }
    assertThat(accountMfaEnabled()).isZero();
    // The root user cannot deactivate a device it does not hold.
    AwsServiceException notHeld =
        error(() -> root.deactivateMFADevice(r -> r.serialNumber(created.serialNumber())));
    assertThat(notHeld.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
    assertThat(notHeld.awsErrorDetails().errorMessage())
        .isEqualTo(
            "MFA Device with serial number "
                + created.serialNumber()
                + " is not assigned to the root user.");
    root.deleteVirtualMFADevice(r -> r.serialNumber(created.serialNumber()));
  }
}
