package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.ServerCertificate;
import dev.gatehouse.core.iam.Bootstrap;
import dev.gatehouse.core.iam.EnginePolicyValidator;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealed values of the store, and their re-sealing in one transaction. */
class SqlSecretsTest {
  @TempDir Path dir;

  @Test
  void listsAndReSealsEverySecretAllOrNone() throws Exception {
    try (SqlStore store = SqliteStore.open(dir)) {
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
      String serial = "arn:aws:iam::" + account + ":mfa/one";
      store.write(
          tx -> {
            tx.mfa()
                .createMfaDevice(
                    VirtualMfaDevice.unassigned(
                        account, serial, keyRing.seal(new byte[20], serial), Instant.now()));
            tx.accessGrants()
                .putNotificationConfig(
                    new dev.gatehouse.core.grants.NotificationConfig(
                        account,
                        "https://hooks.example.com/",
                        keyRing.seal(new byte[16], account),
                        dev.gatehouse.core.grants.NotificationConfig.Format.JSON,
                        Instant.now()));
            tx.serverCertificates()
                .createServerCertificate(
                    new ServerCertificate(
                        account,
                        "ASCATESTTESTTESTTESTT",
                        "/",
                        "www",
                        "body",
                        "",
                        keyRing.seal(new byte[32], "ASCATESTTESTTESTTESTT"),
                        Instant.now(),
                        Instant.now()));
            return null;
          });
      List<SqlSecrets.Sealed> before = SqlSecrets.all(store);
      assertThat(before)
          .extracting(SqlSecrets.Sealed::kind)
          .containsExactlyInAnyOrder(
              SqlSecrets.Kind.ACCESS_KEY,
              SqlSecrets.Kind.MFA_SEED,
              SqlSecrets.Kind.ACCESS_WEBHOOK,
              SqlSecrets.Kind.SERVER_CERTIFICATE_KEY);
      // A failure part-way changes nothing.
      assertThatThrownBy(
              () ->
                  SqlSecrets.resealAll(
                      store,
                      s -> {
                        if (s.kind() == SqlSecrets.Kind.SERVER_CERTIFICATE_KEY) {
                          throw new IllegalStateException("boom");
                        }
                        return "changed";
                      }))
          .hasMessage("boom");
      assertThat(SqlSecrets.all(store)).isEqualTo(before);
      assertThat(SqlSecrets.resealAll(store, s -> s.envelope() + "!")).isEqualTo(4);
      assertThat(SqlSecrets.all(store)).allMatch(s -> s.envelope().endsWith("!"));
    }
  }

  @Test
  void reSealsTheBytesOfEveryInlineObjectAllOrNone() {
    try (SqlStore store = SqliteStore.open(dir)) {
      SqlObjectCatalog catalog = new SqlObjectCatalog(store);
      catalog.createLocation("b.1");
      for (String key : List.of("x", "y")) {
        catalog.putObject(
            "b.1",
            new dev.gatehouse.core.objects.StoredObject(
                key,
                1,
                "e",
                Instant.EPOCH,
                dev.gatehouse.core.objects.ObjectAttributes.none(),
                List.of(
                    new dev.gatehouse.core.objects.BlobRef(
                        "id-" + key,
                        1,
                        new dev.gatehouse.core.objects.BlobRef.Inline(
                            key.getBytes(StandardCharsets.UTF_8))))));
      }
      catalog.putObject(
          "b.1",
          new dev.gatehouse.core.objects.StoredObject(
              "file",
              1,
              "e",
              Instant.EPOCH,
              dev.gatehouse.core.objects.ObjectAttributes.none(),
              List.of(new dev.gatehouse.core.objects.BlobRef("id-file", 1))));
      assertThatThrownBy(
              () ->
                  SqlSecrets.resealInlineBlobs(
                      store,
                      (id, bytes) -> {
                        if (id.equals("id-y")) {
                          throw new IllegalStateException("boom");
                        }
                        return new byte[] {9};
                      }))
          .hasMessageContaining("boom");
      assertThat(catalog.object("b.1", "x").orElseThrow().blobs().get(0).inline().sealed())
          .isEqualTo("x".getBytes(StandardCharsets.UTF_8));
      assertThat(
              SqlSecrets.resealInlineBlobs(
                  store,
                  (id, bytes) ->
                      (id + new String(bytes, StandardCharsets.UTF_8))
                          .getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(2);
      assertThat(catalog.object("b.1", "y").orElseThrow().blobs().get(0).inline().sealed())
          .isEqualTo("id-yy".getBytes(StandardCharsets.UTF_8));
      assertThat(catalog.object("b.1", "file").orElseThrow().blobs().get(0).isInline()).isFalse();
    }
  }
}
