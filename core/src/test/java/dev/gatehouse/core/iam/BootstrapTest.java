package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapTest {
  /** A kit whose store starts empty (no account). */
  private static IamServices emptyServices() {
    return services(new MemoryStore(), IamTestKit.fastHasher());
  }

  /** Services over {@code store} with the kit's clock, ids, keys and catalogue. */
  static IamServices services(Store store, PasswordHasher hasher) {
    IamTestKit kit = new IamTestKit(new MemoryStore());
    // IamTestKit creates its account; bootstrap needs a store without one.
    return IamServices.builder(
            store,
            kit.iam.context().clock(),
            kit.iam.context().ids(),
            kit.keyRing,
            new EnginePolicyValidator(),
            kit.iam.context().catalogue(),
            IamChangeListener.none())
        .hasher(hasher)
        .build();
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
            Bootstrap.ENV_SECRET_ACCESS_KEY, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            Bootstrap.ENV_ROOT_PASSWORD, "Root-password-1");
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

  /** The file's {@code key = value} lines, as the end-to-end tests read it. */
  static Map<String, String> keyValues(Path file) throws Exception {
    Map<String, String> out = new java.util.HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith("#")) {
        out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    return out;
  }

  private static boolean rootSignsIn(IamServices iam, String accountId, String password) {
    return iam.consoleSignIn().signIn(accountId, Optional.empty(), password, "127.0.0.1")
        instanceof ConsoleSignIn.Outcome.SignedIn;
  }

  @Test
  void aGeneratedRootPasswordIsHashedCheaplyUntilItsFirstSignIn(@TempDir Path dir)
      throws Exception {
    IamServices strong = servicesWith(new PasswordHasher(5_000, new java.security.SecureRandom()));
    Bootstrap.Result r = new Bootstrap(strong).run(new Bootstrap.Options(dir, "", Map.of()));
    String account = r.managementAccountId();
    String password = keyValues(r.credentialsFile().orElseThrow()).get(Bootstrap.PASSWORD_KEY);
    assertThat(rootHash(strong, account))
        .startsWith("pbkdf2-sha256$" + PasswordHasher.GENERATED_PASSWORD_ITERATIONS + "$");
    assertThat(rootSignsIn(strong, account, password)).isTrue();
    assertThat(rootHash(strong, account)).startsWith("pbkdf2-sha256$5000$");

    // A password a person chose is hashed at the full cost from the start.
    IamServices chosen = servicesWith(new PasswordHasher(5_000, new java.security.SecureRandom()));
    Bootstrap.Result e =
        new Bootstrap(chosen)
            .run(
                new Bootstrap.Options(
                    dir.resolve("chosen"),
                    "",
                    Map.of(Bootstrap.ENV_ROOT_PASSWORD, "Chosen-root-pass-1")));
    assertThat(rootHash(chosen, e.managementAccountId())).startsWith("pbkdf2-sha256$5000$");
  }

  private static IamServices servicesWith(PasswordHasher hasher) {
    return services(new MemoryStore(), hasher);
  }

  private static String rootHash(IamServices iam, String accountId) {
    return iam.context().read(tx -> tx.passwords().rootPasswordHash(accountId)).orElseThrow();
  }

  @Test
  void generatesTheRootConsolePasswordIntoTheSameFile(@TempDir Path dir) throws Exception {
    IamServices iam = emptyServices();
    Bootstrap.Result r = new Bootstrap(iam).run(new Bootstrap.Options(dir, "", Map.of()));
    assertThat(r.consolePasswordWritten()).isTrue();
    assertThat(r.written()).isEqualTo("root access key and root console password");
    Map<String, String> file = keyValues(r.credentialsFile().orElseThrow());
    String password = file.get(Bootstrap.PASSWORD_KEY);
    assertThat(password).hasSize(24).matches("[A-Za-z0-9!@^*()_+\\-=\\[\\]{}]+");
    assertThat(file).containsKeys("aws_access_key_id", "aws_secret_access_key");
    assertThat(rootSignsIn(iam, r.managementAccountId(), password)).isTrue();
    assertThat(rootSignsIn(iam, r.managementAccountId(), password + "x")).isFalse();
    // Only a hash is stored.
    String hash =
        iam.context().read(tx -> tx.passwords().rootPasswordHash(r.managementAccountId())).get();
    assertThat(hash).startsWith("pbkdf2-sha256$").doesNotContain(password);
    // A second start keeps the password.
    Bootstrap.Result again = new Bootstrap(iam).run(new Bootstrap.Options(dir, "", Map.of()));
    assertThat(again.consolePasswordWritten()).isFalse();
    assertThat(again.written()).isEqualTo("nothing");
    assertThat(new Bootstrap.Result("1", java.util.List.of(), false, Optional.of(dir)).written())
        .isEqualTo("root access key");
    assertThat(rootSignsIn(iam, r.managementAccountId(), password)).isTrue();
  }

  @Test
  void takesTheRootPasswordFromTheEnvironmentAndWritesItNowhere(@TempDir Path dir) {
    IamServices iam = emptyServices();
    Map<String, String> env = Map.of(Bootstrap.ENV_ROOT_PASSWORD, "Env-root-pass-1");
    Bootstrap.Result r = new Bootstrap(iam).run(new Bootstrap.Options(dir, "", env));
    assertThat(r.consolePasswordWritten()).isFalse();
    assertThat(rootSignsIn(iam, r.managementAccountId(), "Env-root-pass-1")).isTrue();
    assertThat(r.credentialsFile()).isPresent();
    assertThat(r.credentialsFile().orElseThrow()).content().doesNotContain("Env-root-pass-1");
    assertThat(r.credentialsFile().orElseThrow()).content().doesNotContain(Bootstrap.PASSWORD_KEY);

    // Given again later with another value: the stored password stays (first start only).
    Map<String, String> other = Map.of(Bootstrap.ENV_ROOT_PASSWORD, "Other-root-pass-2");
    new Bootstrap(iam).run(new Bootstrap.Options(dir, "", other));
    assertThat(rootSignsIn(iam, r.managementAccountId(), "Env-root-pass-1")).isTrue();
    assertThat(rootSignsIn(iam, r.managementAccountId(), "Other-root-pass-2")).isFalse();
  }

  @Test
  void anAccountFromBeforeConsolePasswordsGetsOneAppended(@TempDir Path dir) throws Exception {
    IamServices iam = emptyServices();
    Map<String, String> env = Map.of(Bootstrap.ENV_ROOT_PASSWORD, "Env-root-pass-1");
    Bootstrap.Result r = new Bootstrap(iam).run(new Bootstrap.Options(dir, "", env));
    Path file = r.credentialsFile().orElseThrow();
    String before = Files.readString(file);
    // As if the account had been created by a version without console passwords.
    iam.context()
        .store()
        .write(
            tx -> {
              tx.passwords().setRootPasswordHash(r.managementAccountId(), "none");
              return null;
            });
    assertThat(rootSignsIn(iam, r.managementAccountId(), "Env-root-pass-1")).isFalse();
    MemoryStore fresh = new MemoryStore();
    IamServices old = services(fresh, IamTestKit.fastHasher());
    fresh.write(
        tx -> {
          tx.accounts()
              .createAccount(new dev.gatehouse.core.domain.Account("000000000007", IamTestKit.NOW));
          return null;
        });
    Bootstrap.Result upgraded = new Bootstrap(old).run(new Bootstrap.Options(dir, "", Map.of()));
    assertThat(upgraded.consolePasswordWritten()).isTrue();
    assertThat(upgraded.written()).isEqualTo("root console password");
    assertThat(upgraded.credentialsFile()).contains(file);
    String password = keyValues(file).get(Bootstrap.PASSWORD_KEY);
    assertThat(Files.readString(file)).startsWith(before);
    assertThat(rootSignsIn(old, "000000000007", password)).isTrue();

    // Without any file, a new one is written.
    Path other = dir.resolve("other");
    MemoryStore third = new MemoryStore();
    IamServices older = services(third, IamTestKit.fastHasher());
    third.write(
        tx -> {
          tx.accounts()
              .createAccount(new dev.gatehouse.core.domain.Account("000000000008", IamTestKit.NOW));
          return null;
        });
    Bootstrap.Result written = new Bootstrap(older).run(new Bootstrap.Options(other, "", Map.of()));
    Map<String, String> values = keyValues(written.credentialsFile().orElseThrow());
    assertThat(values).containsOnlyKeys(Bootstrap.PASSWORD_KEY);
    assertThat(rootSignsIn(older, "000000000008", values.get(Bootstrap.PASSWORD_KEY))).isTrue();
  }

  @Test
  void refusesAWeakRootPasswordWithoutEchoingIt(@TempDir Path dir) {
    Bootstrap b = new Bootstrap(emptyServices());
    assertThatThrownBy(
            () ->
                b.run(
                    new Bootstrap.Options(
                        dir, "", Map.of(Bootstrap.ENV_ROOT_PASSWORD, "weakpass"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "GATEHOUSE_ROOT_PASSWORD: Password does not conform to the account password policy.")
        .hasMessageNotContaining("weakpass");
    assertThatThrownBy(
            () ->
                b.run(
                    new Bootstrap.Options(
                        dir, "", Map.of(Bootstrap.ENV_ROOT_PASSWORD, "Aa1!" + "x".repeat(130)))))
        .hasMessageContaining("Member must have length less than or equal to 128");
    assertThat(Files.exists(dir.resolve(Bootstrap.CREDENTIALS_FILE))).isFalse();
  }
}
