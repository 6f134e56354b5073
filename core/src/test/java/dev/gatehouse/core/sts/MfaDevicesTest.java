package dev.gatehouse.core.sts;

import static dev.gatehouse.core.iam.IamTestKit.ACCOUNT;
import static dev.gatehouse.core.iam.IamTestKit.NOW;
import static dev.gatehouse.core.iam.IamTestKit.fails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.iam.IamTestKit;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Virtual MFA devices in the store: their life cycle, and codes that work once. */
class MfaDevicesTest {
  static final String OTHER_ACCOUNT = "210987654321";
  static final String INVALID_CODE = "Authentication code for device is not valid.";
  static final long T = Totp.DEFAULT.step(NOW);
  static final MfaHolder ROOT = new MfaHolder.Root();
  static final MfaHolder ALICE = new MfaHolder.User("alice");

  @TempDir Path dataDir;

  private final IamTestKit kit = new IamTestKit();
  private User alice;
  private MfaDevices devices;

  private MfaDevices devices() {
    if (devices == null) {
      alice = kit.iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("alice"));
      kit.iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("bob"));
      kit.store.write(
          tx -> {
            tx.accounts().createAccount(new Account(OTHER_ACCOUNT, NOW));
            return null;
          });
      devices =
          new MfaDevices(
              kit.store,
              dataDir,
              kit.keyRing,
              new SecureRandom(),
              Clock.fixed(NOW, ZoneOffset.UTC));
    }
    return devices;
  }

  /** A device created in the test account, and its seed. */
  private record Made(String serial, String seedBase32) {
    String code(long step) {
      return Totp.DEFAULT.code(Base32.decode(seedBase32), step);
    }

    /** Six digits no step near now produces: refused however the window lies. */
    String wrong() {
      Set<String> near = new HashSet<>();
      for (long s = T - 30; s <= T + 30; s++) {
        near.add(code(s));
      }
      for (int i = 0; ; i++) {
        String candidate = String.format("%06d", i);
        if (!near.contains(candidate)) {
          return candidate;
        }
      }
    }
  }

  private Made create(String name) {
    MfaDevices.Created created = devices().create(ACCOUNT, "/", name);
    return new Made(created.device().serialNumber(), created.seedBase32());
  }

  private Made enabledFor(MfaHolder holder, String name) {
    Made d = create(name);
    devices.enable(ACCOUNT, holder, d.serial(), d.code(T - 1), d.code(T));
    return d;
  }

  @Test
  void createdDevicesAreUnassignedWithASealedSeedShownOnce() {
    MfaDevices.Created created = devices().create(ACCOUNT, "/team/", "alice-phone");
    MfaDevices.Device d = created.device();
    assertThat(d.serialNumber()).isEqualTo("arn:aws:iam::123456789012:mfa/team/alice-phone");
    assertThat(d.accountId()).isEqualTo(ACCOUNT);
    assertThat(d.createDate()).isEqualTo(NOW);
    assertThat(d.holder()).isEmpty();
    assertThat(d.enableDate()).isEmpty();
    assertThat(d.userName()).isEmpty();
    assertThat(d.heldBy(ROOT)).isFalse();
    assertThat(d.heldBy(ALICE)).isFalse();
    assertThat(d.state()).isEqualTo(TotpState.initial());
    // The seed is 20 random bytes, stored only sealed under the master key.
    byte[] seed = Base32.decode(created.seedBase32());
    assertThat(seed).hasSize(Totp.SEED_BYTES);
    assertThat(d.sealedSeed()).doesNotContain(created.seedBase32());
    assertThat(kit.keyRing.open(d.sealedSeed(), d.serialNumber())).isEqualTo(seed);
    assertThat(devices.get(d.serialNumber())).isEqualTo(d);
    assertThat(devices.list(ACCOUNT)).containsExactly(d);
    assertThat(devices.list(OTHER_ACCOUNT)).isEmpty();
  }

  @Test
  void aSecondDeviceWithTheSameNameIsRefused() {
    create("phone");
    fails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "MFADevice entity at the same path and name already exists.",
        () -> devices.create(ACCOUNT, "/", "phone"));
  }

  @Test
  void anUnknownSerialNumberIsNoSuchEntity() {
    String serial = "arn:aws:iam::123456789012:mfa/none";
    String message = "MFA Device with serial number " + serial + " does not exist.";
    fails(ErrorCode.NO_SUCH_ENTITY, message, () -> devices().get(serial));
    fails(
        ErrorCode.NO_SUCH_ENTITY, message, () -> devices.enable(ACCOUNT, ALICE, serial, "1", "2"));
    fails(ErrorCode.NO_SUCH_ENTITY, message, () -> devices.delete(ACCOUNT, serial));
    fails(ErrorCode.NO_SUCH_ENTITY, message, () -> devices.deactivate(ACCOUNT, ALICE, serial));
  }

  @Test
  void enableWithTwoConsecutiveCodesAssignsTheDeviceToTheUser() {
    Made d = create("alice");
    devices.enable(ACCOUNT, new MfaHolder.User("ALICE"), d.serial(), d.code(T - 1), d.code(T));
    MfaDevices.Device got = devices.get(d.serial());
    assertThat(got.holder()).contains(ALICE);
    assertThat(got.userName()).isEqualTo("alice");
    assertThat(got.enableDate()).contains(NOW);
    // Neither enabling code can be used again.
    assertThat(got.state()).isEqualTo(new TotpState(T, 0));
    assertThat(got.heldBy(new MfaHolder.User("Alice"))).isTrue();
    assertThat(got.heldBy(new MfaHolder.User("bob"))).isFalse();
    assertThat(got.heldBy(ROOT)).isFalse();
    assertThat(kit.store.read(tx -> tx.mfa().mfaDevice(d.serial())).orElseThrow().userId())
        .contains(alice.id());
  }

  @Test
  void enableForTheRootUser() {
    Made d = enabledFor(ROOT, "root-account-mfa-device");
    MfaDevices.Device got = devices.get(d.serial());
    assertThat(got.holder()).contains(ROOT);
    assertThat(got.userName()).as("a root device has no user name").isEmpty();
    assertThat(got.heldBy(ROOT)).isTrue();
    assertThat(got.heldBy(ALICE)).isFalse();
    assertThat(devices.accountCreated(ACCOUNT)).isEqualTo(NOW);
    assertThat(devices.accountCreated("999999999999")).isEqualTo(Instant.EPOCH);
  }

  @Test
  void enableRefusesWrongMalformedReversedAndReplayedCodes() {
    Made d = create("alice");
    fails(
        ErrorCode.INVALID_AUTHENTICATION_CODE,
        INVALID_CODE,
        () -> devices.enable(ACCOUNT, ALICE, d.serial(), d.wrong(), d.code(T)));
    fails(
        ErrorCode.INVALID_AUTHENTICATION_CODE,
        INVALID_CODE,
        () -> devices.enable(ACCOUNT, ALICE, d.serial(), d.code(T), d.code(T - 1)));
    fails(
        ErrorCode.INVALID_AUTHENTICATION_CODE,
        INVALID_CODE,
        () -> devices.enable(ACCOUNT, ALICE, d.serial(), d.code(T - 1), d.code(T + 1)));
    fails(
        ErrorCode.INVALID_AUTHENTICATION_CODE,
        INVALID_CODE,
        () -> devices.enable(ACCOUNT, ALICE, d.serial(), "12345", d.code(T)));
    // Codes too far from now (the user waited ten minutes).
    fails(
        ErrorCode.INVALID_AUTHENTICATION_CODE,
        INVALID_CODE,
        () -> devices.enable(ACCOUNT, ALICE, d.serial(), d.code(T - 21), d.code(T - 20)));
    assertThat(devices.get(d.serial()).holder()).as("nothing was assigned").isEmpty();
    assertThat(devices.get(d.serial()).state()).isEqualTo(TotpState.initial());
  }

  @Test
  void enableRefusesADeviceInUseAnUnknownUserAndAnotherAccountsDevice() {
    Made d = enabledFor(ALICE, "alice");
    fails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "MFA Device is already in use.",
        () ->
            devices.enable(
                ACCOUNT, new MfaHolder.User("bob"), d.serial(), d.code(T), d.code(T + 1)));
    fails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "MFA Device is already in use.",
        () -> devices.enable(ACCOUNT, ROOT, d.serial(), d.code(T), d.code(T + 1)));

    Made free = create("spare");
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with name carol cannot be found.",
        () ->
            devices.enable(
                ACCOUNT,
                new MfaHolder.User("carol"),
                free.serial(),
                free.code(T - 1),
                free.code(T)));
    // A device is found only in its own account, whoever asks.
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + free.serial() + " does not exist.",
        () -> devices.enable(OTHER_ACCOUNT, ROOT, free.serial(), free.code(T - 1), free.code(T)));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + free.serial() + " does not exist.",
        () -> devices.delete(OTHER_ACCOUNT, free.serial()));
    assertThat(devices.get(free.serial()).holder()).isEmpty();
  }

  @Test
  void aCodeWorksOnce() {
    Made d = enabledFor(ALICE, "alice");
    // The enabling codes are used up.
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, ALICE, d.serial(), d.code(T)));
    assertThat(devices.verify(ACCOUNT, ALICE, d.serial(), d.code(T + 1))).isEqualTo(NOW);
    assertThat(devices.get(d.serial()).state().lastUsedStep()).isEqualTo(T + 1);
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, ALICE, d.serial(), d.code(T + 1)));
  }

  @Test
  void verifyRefusesWrongCodesAndDevicesNotHeldByTheCaller() {
    Made d = enabledFor(ALICE, "alice");
    Made root = enabledFor(ROOT, "root");
    Made unassigned = create("spare");
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, ALICE, d.serial(), d.wrong()));
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, ALICE, d.serial(), "abcdef"));
    // Right codes, wrong holder: another user, the root user, another account, no device.
    String next = d.code(T + 1);
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, new MfaHolder.User("bob"), d.serial(), next));
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, new MfaHolder.User("carol"), d.serial(), next));
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, ROOT, d.serial(), next));
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(OTHER_ACCOUNT, ALICE, d.serial(), next));
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, ALICE, root.serial(), root.code(T + 1)));
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, ROOT, unassigned.serial(), unassigned.code(T)));
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, ALICE, "arn:aws:iam::123456789012:mfa/none", next));
    // None of the refusals used the code up: the holder still can.
    assertThat(devices.verify(ACCOUNT, ALICE, d.serial(), next)).isEqualTo(NOW);
    assertThat(devices.verify(ACCOUNT, ROOT, root.serial(), root.code(T + 1))).isEqualTo(NOW);
  }

  @Test
  void aUserOfTheSameNameCreatedAgainDoesNotHoldTheOldDevice() {
    Made d = enabledFor(ALICE, "alice");
    // The device stays with the renamed user (by unique id); a new "alice" is someone else.
    kit.iam.users().updateUser(ACCOUNT, "alice", "alice-old", "");
    kit.iam.users().createUser(ACCOUNT, Users.CreateUserRequest.named("alice"));
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, ALICE, d.serial(), d.code(T + 1)));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + d.serial() + " is not assigned to user alice.",
        () -> devices.deactivate(ACCOUNT, ALICE, d.serial()));
    MfaDevices.Device got = devices.get(d.serial());
    assertThat(got.holder()).contains(new MfaHolder.User("alice-old"));
    assertThat(got.heldBy(ALICE)).isFalse();
    MfaHolder renamed = new MfaHolder.User("alice-old");
    assertThat(devices.verify(ACCOUNT, renamed, d.serial(), d.code(T + 1))).isEqualTo(NOW);
  }

  @Test
  void resyncLearnsTheDriftAndRefusesBadCodesAndOtherHolders() {
    Made d = enabledFor(ALICE, "alice");
    // The device's clock runs six steps ahead.
    devices.resync(ACCOUNT, ALICE, d.serial(), d.code(T + 5), d.code(T + 6));
    assertThat(devices.get(d.serial()).state()).isEqualTo(new TotpState(T + 6, 6));
    assertThat(devices.verify(ACCOUNT, ALICE, d.serial(), d.code(T + 7))).isEqualTo(NOW);

    fails(
        ErrorCode.INVALID_AUTHENTICATION_CODE,
        INVALID_CODE,
        () -> devices.resync(ACCOUNT, ALICE, d.serial(), d.code(T + 9), d.code(T + 8)));
    fails(
        ErrorCode.INVALID_AUTHENTICATION_CODE,
        INVALID_CODE,
        () -> devices.resync(ACCOUNT, ALICE, d.serial(), d.code(T + 5), d.code(T + 6)));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + d.serial() + " is not assigned to user bob.",
        () ->
            devices.resync(
                ACCOUNT, new MfaHolder.User("bob"), d.serial(), d.code(T + 8), d.code(T + 9)));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + d.serial() + " is not assigned to the root user.",
        () -> devices.resync(ACCOUNT, ROOT, d.serial(), d.code(T + 8), d.code(T + 9)));
    assertThat(devices.get(d.serial()).state()).isEqualTo(new TotpState(T + 7, 6));
  }

  @Test
  void deactivateThenDelete() {
    Made d = enabledFor(ALICE, "alice");
    fails(
        ErrorCode.DELETE_CONFLICT,
        "MFA VirtualDevice in use. Must deactivate first.",
        () -> devices.delete(ACCOUNT, d.serial()));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + d.serial() + " is not assigned to user bob.",
        () -> devices.deactivate(ACCOUNT, new MfaHolder.User("bob"), d.serial()));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + d.serial() + " is not assigned to the root user.",
        () -> devices.deactivate(ACCOUNT, ROOT, d.serial()));

    devices.deactivate(ACCOUNT, ALICE, d.serial());
    MfaDevices.Device got = devices.get(d.serial());
    assertThat(got.holder()).isEmpty();
    assertThat(got.enableDate()).isEmpty();
    fails(
        ErrorCode.ACCESS_DENIED,
        MfaDevices.MFA_FAILED,
        () -> devices.verify(ACCOUNT, ALICE, d.serial(), d.code(T + 1)));
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + d.serial() + " is not assigned to user alice.",
        () -> devices.deactivate(ACCOUNT, ALICE, d.serial()));

    devices.delete(ACCOUNT, d.serial());
    assertThat(devices.list(ACCOUNT)).isEmpty();
    Optional<VirtualMfaDevice> gone = kit.store.read(tx -> tx.mfa().mfaDevice(d.serial()));
    assertThat(gone).isEmpty();
  }

  @Test
  void theRootUsersDeviceIsDeactivatedByTheRootUserOnly() {
    Made d = enabledFor(ROOT, "root");
    fails(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + d.serial() + " is not assigned to user alice.",
        () -> devices.deactivate(ACCOUNT, ALICE, d.serial()));
    devices.deactivate(ACCOUNT, ROOT, d.serial());
    assertThat(devices.get(d.serial()).holder()).isEmpty();
    devices.delete(ACCOUNT, d.serial());
  }

  @Test
  void aRequestGivesMfaWhenItNamesADeviceOrACode() {
    assertThat(new MfaCode("", "").given()).isFalse();
    assertThat(new MfaCode("arn:aws:iam::123456789012:mfa/alice", "").given()).isTrue();
    assertThat(new MfaCode("", "123456").given()).isTrue();
  }
}
