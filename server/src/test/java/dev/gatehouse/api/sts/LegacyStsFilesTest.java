package dev.gatehouse.api.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.mfa.Totp;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.sts.LegacyStsFiles;
import dev.gatehouse.core.sts.MfaDevices;
import dev.gatehouse.core.sts.MfaHolder;
import dev.gatehouse.core.sts.RevocationList;
import dev.gatehouse.core.sts.Revocations;
import dev.gatehouse.core.sts.SessionRevocation;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files earlier versions kept in the data directory are imported into the store once. */
class LegacyStsFilesTest {
  private static final String ACCOUNT = "123456789012";
  private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

  @TempDir Path dir;

  private Store open() {
    Store store = SqliteStore.open(dir);
    store.write(
        tx -> {
          if (tx.accounts().account(ACCOUNT).isEmpty()) {
            tx.accounts().createAccount(new Account(ACCOUNT, T0));
          }
          return null;
        });
    return store;
  }

  @Test
  void devicesAreImportedOnceAssignedByUserIdAndTheirCodesStillWork() throws Exception {
    KeyRing keys = KeyRing.load(dir, Map.of(), new SecureRandom());
    byte[] seed = Totp.newSeed(new SecureRandom());
    String serial = "arn:aws:iam::" + ACCOUNT + ":mfa/alice";
    String orphan = "arn:aws:iam::" + ACCOUNT + ":mfa/gone";
    String foreign = "arn:aws:iam::999999999999:mfa/x";
    long step = Totp.DEFAULT.step(T0);
    Files.writeString(
        dir.resolve(LegacyStsFiles.MFA_DEVICES),
        "["
            + device(serial, keys.seal(seed, serial), "alice", step - 1)
            + ","
            + device(orphan, keys.seal(seed, orphan), "gone", 5)
            + ","
            + device(foreign, "x", "", -1)
            + "]",
        StandardCharsets.UTF_8);
    SteppedClock clock = new SteppedClock(T0);
    try (Store store = open()) {
      User alice = new User(ACCOUNT, "alice", Ids.secure().userId(), "/", T0, "");
      store.write(
          tx -> {
            tx.users().createUser(alice);
            return null;
          });
      MfaDevices devices = new MfaDevices(store, dir, keys, new SecureRandom(), clock);
      assertThat(devices.get(serial).userName()).isEqualTo("alice");
      assertThat(devices.get(serial).state().lastUsedStep()).isEqualTo(step - 1);
      assertThat(devices.get(orphan).userName()).as("its user no longer exists").isEmpty();
      assertThat(devices.get(orphan).enableDate()).isEmpty();
      assertThat(devices.list("999999999999")).as("an account the store lacks").isEmpty();
      assertThat(dir.resolve(LegacyStsFiles.MFA_DEVICES)).doesNotExist();
      assertThat(dir.resolve(LegacyStsFiles.MFA_DEVICES + LegacyStsFiles.IMPORTED)).exists();
      // The sealed seed came across intact: the next code verifies; the last used one does not.
      assertThatThrownBy(
          () ->
              devices.verify(
                  ACCOUNT, new MfaHolder.User("alice"), serial, Totp.DEFAULT.code(seed, step - 1)));
      assertThat(
              devices.verify(
                  ACCOUNT, new MfaHolder.User("alice"), serial, Totp.DEFAULT.code(seed, step)))
          .isEqualTo(T0);

      // A second start finds no file: the store is not touched again.
      devices.deactivate(ACCOUNT, new MfaHolder.User("alice"), serial);
      new MfaDevices(store, dir, keys, new SecureRandom(), clock);
      assertThat(devices.get(serial).userName()).isEmpty();
    }
  }

  private static String device(String serial, String sealed, String user, long lastUsedStep) {
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
        + (user.isEmpty() ? "" : ",\"enableDate\":\"" + T0 + "\"")
        + ",\"lastUsedStep\":"
        + lastUsedStep
        + ",\"driftSteps\":0}";
  }

  @Test
  void revocationsAreImportedOnce() throws Exception {
    Instant until = T0.plus(RevocationList.LONGEST_SESSION);
    Files.writeString(
        dir.resolve(LegacyStsFiles.REVOCATIONS),
        "{\"accessKeys\":{\"ASIAEXAMPLE\":\""
            + until
            + "\"},\"originsIssuedBefore\":{\"AIDAEXAMPLE\":\""
            + T0
            + "\"}}",
        StandardCharsets.UTF_8);
    try (Store store = open()) {
      new Revocations(store, dir);
      List<SessionRevocation> rows = store.read(tx -> tx.sessions().sessionRevocations());
      assertThat(rows)
          .containsExactly(
              new SessionRevocation(SessionRevocation.Kind.ACCESS_KEY, "ASIAEXAMPLE", T0),
              new SessionRevocation(SessionRevocation.Kind.ORIGIN, "AIDAEXAMPLE", T0));
      assertThat(dir.resolve(LegacyStsFiles.REVOCATIONS + LegacyStsFiles.IMPORTED)).exists();
      assertThat(dir.resolve(LegacyStsFiles.REVOCATIONS)).doesNotExist();
    }
  }

  @Test
  void anUnreadableFileStopsTheStart() throws Exception {
    Files.writeString(dir.resolve(LegacyStsFiles.REVOCATIONS), "{not json", StandardCharsets.UTF_8);
    try (Store store = open()) {
      assertThatThrownBy(() -> new Revocations(store, dir))
          .isInstanceOf(UncheckedIOException.class);
      List<SessionRevocation> rows = store.read(tx -> tx.sessions().sessionRevocations());
      assertThat(rows).isEmpty();
      assertThat(dir.resolve(LegacyStsFiles.REVOCATIONS)).exists();
    }
  }
}
