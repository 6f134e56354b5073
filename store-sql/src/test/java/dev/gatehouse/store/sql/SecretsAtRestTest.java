package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.iam.Bootstrap;
import dev.gatehouse.core.iam.CreatedAccessKey;
import dev.gatehouse.core.iam.EnginePolicyValidator;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.KeyHolder;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * No secret access key and no MFA seed is ever written to the SQLite database file or its WAL in
 * clear.
 */
class SecretsAtRestTest {

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

  private static byte[] read(Path p) throws Exception {
    return Files.exists(p) ? Files.readAllBytes(p) : new byte[0];
  }

  @Test
  void theDatabaseFileAndWalHoldNoIssuedSecret() throws Exception {
    Path dir = Files.createTempDirectory("gatehouse-secrets");
    List<String> secrets = new ArrayList<>();
    List<String> keyIds = new ArrayList<>();
    try (Store store = SqliteStore.open(dir)) {
      KeyRing keyRing = KeyRing.load(dir, Map.of(), new SecureRandom());
      IamServices iam =
          IamServices.create(
              store,
              Clock.systemUTC(),
              Ids.secure(),
              keyRing,
              new EnginePolicyValidator(),
              ManagedPolicyCatalogue.bundled(),
              IamChangeListener.none());
      Bootstrap.Result boot =
          new Bootstrap(iam).run(new Bootstrap.Options(dir.resolve("boot"), "", Map.of()));
      String account = boot.managementAccountId();
      keyIds.addAll(boot.rootAccessKeyIds());
      secrets.add(iam.accessKeys().resolve(keyIds.get(0)).orElseThrow().secretAccessKey());
      for (int i = 0; i < 20; i++) {
        iam.users().createUser(account, Users.CreateUserRequest.named("user" + i));
        for (int k = 0; k < 2; k++) {
          CreatedAccessKey c =
              iam.accessKeys().createAccessKey(account, KeyHolder.user("user" + i));
          secrets.add(c.secretAccessKey());
          keyIds.add(c.key().accessKeyId());
        }
      }
      // A virtual MFA device, its seed sealed as the server seals it.
      byte[] seed = Totp.newSeed(new SecureRandom());
      String serial = "arn:aws:iam::" + account + ":mfa/scanned";
      store.write(
          tx -> {
            tx.mfa()
                .createMfaDevice(
                    VirtualMfaDevice.unassigned(
                        account, serial, keyRing.seal(seed, serial), Instant.now()));
            return null;
          });
      keyIds.add(serial);
      secrets.add(Base32.encodeUnpadded(seed));
      secrets.add(new String(seed, StandardCharsets.ISO_8859_1));
      // While open: the WAL holds the recent commits.
      assertNoSecrets(dir, secrets, keyIds);
      java.util.Optional<Account> stored = store.read(tx -> tx.accounts().account(account));
      assertThat(stored).map(Account::id).contains(account);
    }
    // After close: everything is checkpointed into the main file.
    assertNoSecrets(dir, secrets, keyIds);
  }

  private static void assertNoSecrets(Path dir, List<String> secrets, List<String> keyIds)
      throws Exception {
    byte[] db = read(dir.resolve(SqliteStore.FILE_NAME));
    byte[] wal = read(dir.resolve(SqliteStore.FILE_NAME + "-wal"));
    byte[] all = new byte[db.length + wal.length];
    System.arraycopy(db, 0, all, 0, db.length);
    System.arraycopy(wal, 0, all, db.length, wal.length);
    // The scan sees the rows: every key id (not secret) is found in clear.
    for (String id : keyIds) {
      assertThat(contains(all, id.getBytes(StandardCharsets.US_ASCII))).as(id).isTrue();
    }
    for (String secret : secrets) {
      assertThat(contains(all, secret.getBytes(StandardCharsets.ISO_8859_1)))
          .as("a secret in the database file")
          .isFalse();
    }
  }
}
