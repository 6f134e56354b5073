package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.model.VirtualMFADevice;

/**
 * Virtual MFA devices kept in the store, through the AWS SDK over a real socket: DeleteUser refuses
 * while a device is enabled (AWS's DeleteConflict), the assignment follows a renamed user, and the
 * seed never reaches the database file in clear.
 */
class MfaDeviceStoreTest extends StsScenarioFixture {

  @Test
  void deleteUserWaitsForTheDeviceAndARenameKeepsIt() {
    root.createUser(r -> r.userName("Mallory"));
    VirtualMFADevice device =
        root.createVirtualMFADevice(r -> r.virtualMFADeviceName("mallory-phone"))
            .virtualMFADevice();
    String serial = device.serialNumber();
    byte[] seed = Base32.decode(device.base32StringSeed().asUtf8String());
    long t = Totp.DEFAULT.step(clock.instant());
    root.enableMFADevice(
        r ->
            r.userName("Mallory")
                .serialNumber(serial)
                .authenticationCode1(Totp.DEFAULT.code(seed, t - 1))
                .authenticationCode2(Totp.DEFAULT.code(seed, t)));

    AwsServiceException conflict = error(() -> root.deleteUser(r -> r.userName("Mallory")));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.awsErrorDetails().errorCode()).isEqualTo("DeleteConflict");
    assertThat(conflict.awsErrorDetails().errorMessage())
        .isEqualTo("Cannot delete entity, must delete MFA device first.");
    assertThat(root.getUser(r -> r.userName("Mallory")).user().userName()).isEqualTo("Mallory");

    root.updateUser(r -> r.userName("Mallory").newUserName("Mallory2"));
    assertThat(root.listMFADevices(r -> r.userName("Mallory2")).mfaDevices())
        .extracting(d -> d.serialNumber())
        .containsExactly(serial);
    assertThat(root.listVirtualMFADevices(r -> r.assignmentStatus("Assigned")).virtualMFADevices())
        .filteredOn(d -> d.serialNumber().equals(serial))
        .extracting(d -> d.user().userName())
        .containsExactly("Mallory2");
    // A new user with the old name does not inherit it.
    root.createUser(r -> r.userName("Mallory"));
    assertThat(root.listMFADevices(r -> r.userName("Mallory")).mfaDevices()).isEmpty();
    root.deleteUser(r -> r.userName("Mallory"));

    // Enable, resync and deactivate name the user, who must exist and hold the device.
    AwsServiceException nobody =
        error(
            () ->
                root.enableMFADevice(
                    r ->
                        r.userName("Nobody")
                            .serialNumber(serial)
                            .authenticationCode1("123456")
                            .authenticationCode2("654321")));
    assertThat(nobody.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
    assertThat(nobody.awsErrorDetails().errorMessage())
        .isEqualTo("The user with name Nobody cannot be found.");
    AwsServiceException inUse =
        error(
            () ->
                root.enableMFADevice(
                    r ->
                        r.userName("Stuart")
                            .serialNumber(serial)
                            .authenticationCode1(Totp.DEFAULT.code(seed, t))
                            .authenticationCode2(Totp.DEFAULT.code(seed, t + 1))));
    assertThat(inUse.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
    assertThat(inUse.awsErrorDetails().errorMessage()).isEqualTo("MFA Device is already in use.");
    AwsServiceException notHis =
        error(
            () ->
                root.resyncMFADevice(
                    r ->
                        r.userName("Stuart")
                            .serialNumber(serial)
                            .authenticationCode1(Totp.DEFAULT.code(seed, t + 1))
                            .authenticationCode2(Totp.DEFAULT.code(seed, t + 2))));
    assertThat(notHis.awsErrorDetails().errorMessage())
        .isEqualTo("MFA Device with serial number " + serial + " is not assigned to user Stuart.");
    root.resyncMFADevice(
        r ->
            r.userName("Mallory2")
                .serialNumber(serial)
                .authenticationCode1(Totp.DEFAULT.code(seed, t + 1))
                .authenticationCode2(Totp.DEFAULT.code(seed, t + 2)));
    // The resync used those codes up.
    AwsServiceException again =
        error(
            () ->
                root.resyncMFADevice(
                    r ->
                        r.userName("Mallory2")
                            .serialNumber(serial)
                            .authenticationCode1(Totp.DEFAULT.code(seed, t + 1))
                            .authenticationCode2(Totp.DEFAULT.code(seed, t + 2))));
    assertThat(again.awsErrorDetails().errorCode()).isEqualTo("InvalidAuthenticationCode");

    root.deactivateMFADevice(r -> r.userName("Mallory2").serialNumber(serial));
    root.deleteUser(r -> r.userName("Mallory2"));
    root.deleteVirtualMFADevice(r -> r.serialNumber(serial));
  }

  @Test
  void theSeedIsNeverStoredInClear() throws Exception {
    VirtualMFADevice device =
        root.createVirtualMFADevice(r -> r.virtualMFADeviceName("scanned")).virtualMFADevice();
    String base32 = device.base32StringSeed().asUtf8String();
    byte[] seed = Base32.decode(base32);
    byte[] all = databaseBytes();
    // The scan sees the row: the serial number is stored in clear.
    assertThat(contains(all, device.serialNumber().getBytes(StandardCharsets.US_ASCII))).isTrue();
    assertThat(contains(all, base32.getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(contains(all, seed)).isFalse();
    assertThat(data.resolve("mfa-devices")).doesNotExist();
    root.deleteVirtualMFADevice(r -> r.serialNumber(device.serialNumber()));
  }

  private static byte[] databaseBytes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String name : new String[] {"gatehouse.db", "gatehouse.db-wal"}) {
      Path p = data.resolve(name);
      if (Files.exists(p)) {
        out.write(Files.readAllBytes(p));
      }
    }
    return out.toByteArray();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
