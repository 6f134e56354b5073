package dev.gatehouse.core.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.mfa.Totp;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files earlier versions kept in the data directory, imported once into an in-memory store.
 * (The server's test of the same name runs the import against SQLite.)
 */
class LegacyStsFilesTest {
  static final String ACCOUNT = "123456789012";
  static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
  static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path dir;

  private final Store store = new MemoryStore();
  private final KeyRing keys = KeyRing.of(List.of(new byte[32]), RANDOM);
  private final User alice = new User(ACCOUNT, "alice", "AIDAALICEEXAMPLE12345", "/", T0, "");

  LegacyStsFilesTest() {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(ACCOUNT, T0));
          tx.users().createUser(alice);
          return null;
        });
  }

  private Path file(String name) {
    return dir.resolve(name);
  }

  private Path imported(String name) {
    return dir.resolve(name + LegacyStsFiles.IMPORTED);
  }

  private void write(String name, String content) throws Exception {
    Files.writeString(file(name), content, StandardCharsets.UTF_8);
  }

  private static String device(
      String serial, String sealed, String user, boolean enabled, long lastUsedStep) {
    return "{\"accountId\":\""
        + serial.substring(13, 25)
        + "\",\"serialNumber\":\""
        + serial
        + "\",\"seed\":\""
        + sealed
        + "\",\"createDate\":\""
        + T0
        + "\",\"userName\":\""
        + user
        + "\""
        + (enabled ? ",\"enableDate\":\"" + T0.plusSeconds(60) + "\"" : "")
        + ",\"lastUsedStep\":"
        + lastUsedStep
        + ",\"driftSteps\":2}";
  }

  private Optional<VirtualMfaDevice> stored(String serial) {
    return store.read(tx -> tx.mfa().mfaDevice(serial));
  }

  @Test
  void mfaDevicesAreImportedOnceByUserId() throws Exception {
    byte[] seed = Totp.newSeed(RANDOM);
    String serial = "arn:aws:iam::" + ACCOUNT + ":mfa/alice";
    String orphan = "arn:aws:iam::" + ACCOUNT + ":mfa/gone";
    String spare = "arn:aws:iam::" + ACCOUNT + ":mfa/spare";
    String foreign = "arn:aws:iam::999999999999:mfa/x";
    long step = Totp.DEFAULT.step(T0);
    write(
        LegacyStsFiles.MFA_DEVICES,
        "["
            + String.join(
                ",",
                device(serial, keys.seal(seed, serial), "alice", true, step - 1),
                device(orphan, keys.seal(seed, orphan), "gone", true, 5),
                device(spare, keys.seal(seed, spare), "", false, -1),
                device(foreign, "x", "", false, -1))
            + "]");

    MfaDevices devices = new MfaDevices(store, dir, keys, RANDOM, Clock.fixed(T0, ZoneOffset.UTC));

    VirtualMfaDevice a = stored(serial).orElseThrow();
    assertThat(a.userId()).contains(alice.id());
    assertThat(a.enableDate()).contains(T0.plusSeconds(60));
    assertThat(a.createDate()).isEqualTo(T0);
    assertThat(a.state()).isEqualTo(new TotpState(step - 1, 2));
    VirtualMfaDevice gone = stored(orphan).orElseThrow();
    assertThat(gone.assignment()).as("its user no longer exists").isEmpty();
    assertThat(gone.state()).isEqualTo(TotpState.initial());
    assertThat(stored(spare).orElseThrow().assignment()).isEmpty();
    assertThat(stored(foreign)).as("an account the store lacks").isEmpty();
    assertThat(file(LegacyStsFiles.MFA_DEVICES)).doesNotExist();
    assertThat(imported(LegacyStsFiles.MFA_DEVICES)).exists();

    // The sealed seed came across intact: a code after the last used step verifies.
    MfaHolder holder = new MfaHolder.User("alice");
    String next = Totp.DEFAULT.code(seed, step + 2);
    assertThat(devices.verify(ACCOUNT, holder, serial, next)).isEqualTo(T0);

    // A second start finds no file: the store is left as it is.
    devices.deactivate(ACCOUNT, holder, serial);
    new MfaDevices(store, dir, keys, RANDOM, Clock.fixed(T0, ZoneOffset.UTC));
    assertThat(stored(serial).orElseThrow().assignment()).isEmpty();
  }

  @Test
  void aDeviceAlreadyInTheStoreIsLeftAsItIs() throws Exception {
    String serial = "arn:aws:iam::" + ACCOUNT + ":mfa/alice";
    VirtualMfaDevice existing = VirtualMfaDevice.unassigned(ACCOUNT, serial, "sealed", T0);
    store.write(
        tx -> {
          tx.mfa().createMfaDevice(existing);
          return null;
        });
    write(LegacyStsFiles.MFA_DEVICES, "[" + device(serial, "other", "alice", true, 9) + "]");
    LegacyStsFiles.importMfaDevices(dir, store);
    assertThat(stored(serial)).contains(existing);
    assertThat(imported(LegacyStsFiles.MFA_DEVICES)).exists();
  }

  @Test
  void revocationsAreImportedOnce() throws Exception {
    Instant until = T0.plus(RevocationList.LONGEST_SESSION);
    write(
        LegacyStsFiles.REVOCATIONS,
        "{\"accessKeys\":{\"ASIAEXAMPLE\":\""
            + until
            + "\"},\"originsIssuedBefore\":{\"AIDAEXAMPLE\":\""
            + T0
            + "\"}}");
    Revocations revocations = new Revocations(store, dir);
    List<SessionRevocation> rows = store.read(tx -> tx.sessions().sessionRevocations());
    // The file kept when a key stops mattering; the store keeps when it was revoked.
    assertThat(rows)
        .containsExactlyInAnyOrder(
            new SessionRevocation(SessionRevocation.Kind.ACCESS_KEY, "ASIAEXAMPLE", T0),
            new SessionRevocation(SessionRevocation.Kind.ORIGIN, "AIDAEXAMPLE", T0));
    assertThat(file(LegacyStsFiles.REVOCATIONS)).doesNotExist();
    assertThat(imported(LegacyStsFiles.REVOCATIONS)).exists();
    SessionClaims claims =
        new SessionClaims(
            "s1",
            "aws",
            ACCOUNT,
            new SessionPrincipal.UserSession("arn:aws:iam::123456789012:user/x", "AIDAOTHER"),
            "AIDAOTHER",
            "",
            T0.minusSeconds(60),
            T0.plusSeconds(3600),
            MfaFacts.absent(),
            SessionPolicies.none(),
            List.of(),
            List.of(),
            0,
            "ASIAEXAMPLE",
            "secret");
    assertThat(revocations.isRevoked(claims)).isTrue();

    // Imported once: a second start does not read the renamed file.
    store.write(tx -> tx.sessions().pruneSessionRevocations(T0.plusSeconds(1)));
    new Revocations(store, dir);
    List<SessionRevocation> after = store.read(tx -> tx.sessions().sessionRevocations());
    assertThat(after).isEmpty();
  }

  @Test
  void withoutFilesNothingIsImported() {
    LegacyStsFiles.importMfaDevices(dir, store);
    LegacyStsFiles.importRevocations(dir, store);
    List<SessionRevocation> rows = store.read(tx -> tx.sessions().sessionRevocations());
    assertThat(rows).isEmpty();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void anUnreadableFileStopsTheStartAndIsKept() throws Exception {
    write(LegacyStsFiles.REVOCATIONS, "{not json");
    assertThatThrownBy(() -> LegacyStsFiles.importRevocations(dir, store))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot read");
    write(LegacyStsFiles.MFA_DEVICES, "[{\"accountId\":");
    assertThatThrownBy(
            () -> new MfaDevices(store, dir, keys, RANDOM, Clock.fixed(T0, ZoneOffset.UTC)))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot read");
    List<SessionRevocation> rows = store.read(tx -> tx.sessions().sessionRevocations());
    assertThat(rows).isEmpty();
    assertThat(file(LegacyStsFiles.REVOCATIONS)).exists();
    assertThat(file(LegacyStsFiles.MFA_DEVICES)).exists();
    assertThat(imported(LegacyStsFiles.REVOCATIONS)).doesNotExist();
  }

  @Test
  void aRecordWithAnUnreadableDateImportsNothing() throws Exception {
    String serial = "arn:aws:iam::" + ACCOUNT + ":mfa/alice";
    String good = device(serial, "sealed", "", false, -1);
    String bad = good.replace(T0.toString(), "yesterday").replace("mfa/alice", "mfa/bad");
    write(LegacyStsFiles.MFA_DEVICES, "[" + good + "," + bad + "]");
    assertThatThrownBy(() -> LegacyStsFiles.importMfaDevices(dir, store))
        .isInstanceOf(java.time.format.DateTimeParseException.class);
    // One write transaction: the good record is not kept either, and the file stays for a retry.
    assertThat(stored(serial)).isEmpty();
    assertThat(file(LegacyStsFiles.MFA_DEVICES)).exists();
  }

  @Test
  void aFileThatCannotBeRenamedStopsTheStartAndImportingAgainIsHarmless() throws Exception {
    write(LegacyStsFiles.REVOCATIONS, "{\"originsIssuedBefore\":{\"AIDAEXAMPLE\":\"" + T0 + "\"}}");
    // A non-empty directory where the renamed file should go.
    Files.createDirectories(imported(LegacyStsFiles.REVOCATIONS).resolve("x"));
    assertThatThrownBy(() -> LegacyStsFiles.importRevocations(dir, store))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("cannot rename");
    Files.delete(imported(LegacyStsFiles.REVOCATIONS).resolve("x"));
    Files.delete(imported(LegacyStsFiles.REVOCATIONS));
    LegacyStsFiles.importRevocations(dir, store);
    List<SessionRevocation> rows = store.read(tx -> tx.sessions().sessionRevocations());
    assertThat(rows)
        .containsExactly(new SessionRevocation(SessionRevocation.Kind.ORIGIN, "AIDAEXAMPLE", T0));
  }

  @Test
  void anImportIntoAStoreThatRefusesIsNotMarkedImported() throws Exception {
    // Two records whose serial numbers differ only in case: the store refuses the second (AWS's
    // EntityAlreadyExists), so the whole import is rolled back and the file kept for a retry.
    String serial = "arn:aws:iam::" + ACCOUNT + ":mfa/alice";
    String one = device(serial, "sealed", "", false, -1);
    String same = device(serial.replace("alice", "ALICE"), "sealed", "", false, -1);
    write(LegacyStsFiles.MFA_DEVICES, "[" + one + "," + same + "]");
    assertThatThrownBy(() -> LegacyStsFiles.importMfaDevices(dir, store))
        .isInstanceOf(GatehouseException.class);
    assertThat(stored(serial)).isEmpty();
    assertThat(file(LegacyStsFiles.MFA_DEVICES)).exists();
  }
}
