package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.store.MemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTest {
  /** A kit whose store starts empty (no account). */
  private static IamServices emptyServices() {
    IamTestKit kit = new IamTestKit(new MemoryStore());
    // IamTestKit creates its account; bootstrap needs a store without one.
    return IamServices.create(
        new MemoryStore(),
        kit.iam.context().clock(),
        kit.iam.context().ids(),
        kit.keyRing,
        new EnginePolicyValidator(),
        kit.iam.context().catalogue(),
        IamChangeListener.none());
  }

  @Test
  void generatesTheRootKeyOnceIntoAnOwnerOnlyFile(@TempDir Path dir) throws Exception {
    IamServices iam = emptyServices();
    Bootstrap.Result first = new Bootstrap(iam).run(new Bootstrap.Options(dir, "", Map.of()));
    assertThat(first.created()).isTrue();
    assertThat(first.managementAccountId()).matches("[1-9][0-9]{11}");
    Path file = first.credentialsFile().orElseThrow();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    String content = Files.readString(file);
    String keyId = first.rootAccessKeyIds().get(0);
    ResolvedKey resolved = iam.accessKeys().resolve(keyId).orElseThrow();
    assertThat(content)
        .contains("aws_access_key_id = " + keyId)
        .contains("aws_secret_access_key = " + resolved.secretAccessKey());
    assertThat(resolved.principal().arn()).endsWith(":root");

    Bootstrap.Result again = new Bootstrap(iam).run(new Bootstrap.Options(dir, "", Map.of()));
    assertThat(again.created()).isFalse();
    assertThat(again.managementAccountId()).isEqualTo(first.managementAccountId());
    assertThat(again.rootAccessKeyIds()).containsExactly(keyId);
    assertThat(again.credentialsFile()).isEmpty();
    assertThatThrownBy(
            () -> new Bootstrap(iam).run(new Bootstrap.Options(dir, "111111111111", Map.of())))
        .hasMessageContaining("already holds management account");
  }

  @Test
  void takesTheAccountIdAndRootKeyFromTheEnvironment(@TempDir Path dir) {
    IamServices iam = emptyServices();
    Map<String, String> env =
        Map.of(
            Bootstrap.ENV_ACCESS_KEY_ID, "AKIAIOSFODNN7EXAMPLE",
            Bootstrap.ENV_SECRET_ACCESS_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    Bootstrap.Result r = new Bootstrap(iam).run(new Bootstrap.Options(dir, "000000000042", env));
    assertThat(r.managementAccountId()).isEqualTo("000000000042");
    assertThat(r.credentialsFile()).isEmpty();
    assertThat(Files.exists(dir.resolve(Bootstrap.CREDENTIALS_FILE))).isFalse();
    ResolvedKey k = iam.accessKeys().resolve("AKIAIOSFODNN7EXAMPLE").orElseThrow();
    assertThat(k.secretAccessKey()).isEqualTo("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    assertThat(k.accountId()).isEqualTo("000000000042");

    // A new key given later is added to the existing account.
    Map<String, String> env2 =
        Map.of(
            Bootstrap.ENV_ACCESS_KEY_ID, "AKIAIOSFODNN7EXAMPL2",
            Bootstrap.ENV_SECRET_ACCESS_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKE2");
    Bootstrap.Result again = new Bootstrap(iam).run(new Bootstrap.Options(dir, "", env2));
    assertThat(again.rootAccessKeyIds())
        .containsExactlyInAnyOrder("AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPL2");
  }

  @Test
  void refusesBadOptions(@TempDir Path dir) {
    Bootstrap b = new Bootstrap(emptyServices());
    assertThatThrownBy(() -> b.run(new Bootstrap.Options(dir, "12", Map.of())))
        .hasMessage("the account id must be 12 digits");
    assertThatThrownBy(
            () ->
                b.run(
                    new Bootstrap.Options(
                        dir, "", Map.of(Bootstrap.ENV_ACCESS_KEY_ID, "AKIAIOSFODNN7EXAMPLE"))))
        .hasMessageContaining("set both");
    assertThatThrownBy(
            () ->
                b.run(
                    new Bootstrap.Options(
                        dir,
                        "",
                        Map.of(
                            Bootstrap.ENV_ACCESS_KEY_ID,
                            "short",
                            Bootstrap.ENV_SECRET_ACCESS_KEY,
                            "x".repeat(40)))))
        .hasMessageContaining("16-128 upper-case letters and digits");
    assertThatThrownBy(
            () ->
                b.run(
                    new Bootstrap.Options(
                        dir,
                        "",
                        Map.of(
                            Bootstrap.ENV_ACCESS_KEY_ID, "AKIAIOSFODNN7EXAMPLE",
                            Bootstrap.ENV_SECRET_ACCESS_KEY, "short"))))
        .hasMessageContaining("16-128 characters");
  }

  @Test
  void aStaleCredentialsFileIsNotOverwritten(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve(Bootstrap.CREDENTIALS_FILE), "old");
    IamServices iam = emptyServices();
    assertThatThrownBy(() -> new Bootstrap(iam).run(new Bootstrap.Options(dir, "", Map.of())))
        .hasMessageContaining("remove the stale file first");
    assertThat(Files.readString(dir.resolve(Bootstrap.CREDENTIALS_FILE))).isEqualTo("old");
  }
}
