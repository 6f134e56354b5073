package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import dev.gatehouse.testsupport.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** backup, restore, audit verify and keys rotate from the command line. */
class OpsCommandsTest {
  static final Map<String, String> ENV =
      Map.of("GATEHOUSE_BACKUP_PASSPHRASE", "a passphrase", BackupCommand.ITERATIONS_ENV, "100000");

  @TempDir Path tmp;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  PrintStream o() {
    return new PrintStream(out, true, StandardCharsets.UTF_8);
  }

  PrintStream e() {
    return new PrintStream(err, true, StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A data dir a server ran on (one audited call: none; the store, keys and audit dir). */
  Path dataDir() throws Exception {
    Path data = tmp.resolve("data");
    ServerConfig config = ServerConfig.local(data).withAccount("123456789012");
    try (Gatehouse g =
        Gatehouse.start(
            config, e(), Clock.systemUTC(), Map.of(Gatehouse.AUDIT_RETENTION_ENV, "3"))) {
      assertThat(g.port()).isPositive();
    }
    return data;
  }

  @Test
  void backupAndRestoreFromTheCommandLine() throws Exception {
    Path data = dataDir();
    Path file = tmp.resolve("b.ghbackup");
    assertThat(
            BackupCommand.backup(
                List.of("--to", file.toString(), "--data-dir", data.toString()), ENV, o(), e()))
        .as(err())
        .isZero();
    assertThat(out()).contains("backed up");
    Path restored = tmp.resolve("restored");
    assertThat(
            BackupCommand.restore(
                List.of(file.toString(), "--data-dir", restored.toString()), ENV, o(), e()))
        .as(err())
        .isZero();
    assertThat(restored.resolve("gatehouse.db")).exists();
    // Not into a non-empty dir; not with a wrong passphrase.
    assertThat(
            BackupCommand.restore(
                List.of(file.toString(), "--data-dir", restored.toString()), ENV, o(), e()))
        .isEqualTo(1);
    assertThat(err()).contains("is not empty", "nothing was written");
    assertThat(
            BackupCommand.restore(
                List.of(file.toString(), "--data-dir", tmp.resolve("x").toString()),
                Map.of("GATEHOUSE_BACKUP_PASSPHRASE", "wrong"),
                o(),
                e()))
        .isEqualTo(1);
    assertThat(err()).contains("wrong passphrase");
    assertThat(tmp.resolve("x")).doesNotExist();
    // The file exists: never overwritten.
    assertThat(
            BackupCommand.backup(
                List.of("--to", file.toString(), "--data-dir", data.toString()), ENV, o(), e()))
        .isEqualTo(1);
  }

  @Test
  void refusesAPassphraseOnTheCommandLineAndMissingOptions() {
    assertThat(BackupCommand.backup(List.of("--to", "f", "--passphrase", "x"), ENV, o(), e()))
        .isEqualTo(2);
    assertThat(err()).contains("never taken from the command line");
    assertThat(BackupCommand.backup(List.of("--to", "f"), Map.of(), o(), e())).isEqualTo(2);
    assertThat(err()).contains("GATEHOUSE_BACKUP_PASSPHRASE");
    assertThat(BackupCommand.backup(List.of(), ENV, o(), e())).isEqualTo(2);
    Map<String, String> pg = new java.util.HashMap<>(ENV);
    pg.put("GATEHOUSE_STORE", "postgresql://u@127.0.0.1:1/db");
    pg.put("GATEHOUSE_STORE_PASSWORD", "p");
    assertThat(BackupCommand.backup(List.of("--to", tmp.resolve("f").toString()), pg, o(), e()))
        .isEqualTo(1);
    assertThat(err()).contains("gatehouse backup: ");
    assertThat(BackupCommand.backup(List.of("--to", "f", "--store", "mysql://x"), ENV, o(), e()))
        .isEqualTo(2);
    assertThat(BackupCommand.restore(List.of("f", "--store", "mysql://x"), ENV, o(), e()))
        .isEqualTo(2);
    assertThat(
            BackupCommand.restore(
                List.of("f", "--store", "postgresql://u@h/db", "--data-dir", "d"), ENV, o(), e()))
        .isEqualTo(2);
    assertThat(
            BackupCommand.backup(List.of("--to", "f", "--data-dir", tmp.toString()), ENV, o(), e()))
        .isEqualTo(1);
    assertThat(BackupCommand.restore(List.of("f"), ENV, o(), e())).isEqualTo(2);
    assertThat(
            BackupCommand.restore(
                List.of(tmp.resolve("none").toString(), "--data-dir", "d"), ENV, o(), e()))
        .isEqualTo(1);
    assertThat(BackupCommand.backup(List.of("--help"), ENV, o(), e())).isZero();
    assertThat(BackupCommand.restore(List.of("--help"), ENV, o(), e())).isZero();
    assertThat(BackupCommand.backup(List.of("--to"), ENV, o(), e())).isEqualTo(2);
    assertThat(BackupCommand.backup(List.of("--bogus"), ENV, o(), e())).isEqualTo(2);
  }

  @Test
  void auditVerifyReportsOkOrTheBrokenLine() throws Exception {
    Path data = dataDir();
    Path audit = data.resolve("audit");
    Files.createDirectories(audit);
    assertThat(AuditCommand.run(List.of("verify", "--data-dir", data.toString()), o(), e()))
        .as(err())
        .isZero();
    assertThat(out()).contains("OK: ");
    Files.writeString(audit.resolve("2026-01-01.jsonl"), "{\"x\":1}\n");
    assertThat(AuditCommand.run(List.of("verify", "--dir", audit.toString()), o(), e()))
        .isEqualTo(1);
    assertThat(err()).contains("2026-01-01.jsonl:1: ");
    assertThat(AuditCommand.run(List.of("check"), o(), e())).isEqualTo(2);
    assertThat(AuditCommand.run(List.of("--help"), o(), e())).isZero();
    Files.writeString(audit.resolve("chain-anchor"), "bad");
    assertThat(AuditCommand.run(List.of("verify", "--dir", audit.toString()), o(), e()))
        .isEqualTo(1);
    assertThat(err()).contains("cannot read");
  }

  @Test
  void backupAndRestoreAPostgresStoreFromTheCommandLine() throws Exception {
    try (TestPostgres.Database source = TestPostgres.createDatabase();
        TestPostgres.Database fresh = TestPostgres.createDatabase()) {
      byte[] raw = new byte[32];
      new java.security.SecureRandom().nextBytes(raw);
      String key = java.util.Base64.getEncoder().encodeToString(raw);
      Map<String, String> keys =
          Map.of("GATEHOUSE_MASTER_KEY", key, "GATEHOUSE_SESSION_KEYS", "k1:" + key);
      ServerConfig config =
          ServerConfig.local(tmp.resolve("node"))
              .withAccount("123456789012")
              .withStore(
                  new ServerConfig.StoreChoice.Postgres(
                      source.url(), source.user(), source.password()));
      try (Gatehouse g = Gatehouse.start(config, e(), Clock.systemUTC(), keys)) {
        assertThat(g.port()).isPositive();
      }
      Map<String, String> env = new java.util.HashMap<>(ENV);
      env.put("GATEHOUSE_STORE_USER", source.user());
      env.put("GATEHOUSE_STORE_PASSWORD", source.password());
      Path file = tmp.resolve("pg.ghbackup");
      assertThat(
              BackupCommand.backup(
                  List.of("--to", file.toString(), "--store", source.url()), env, o(), e()))
          .as(err())
          .isZero();
      assertThat(out()).contains("tables of the PostgreSQL store").contains("GATEHOUSE_MASTER_KEY");
      env.put("GATEHOUSE_STORE_USER", fresh.user());
      env.put("GATEHOUSE_STORE_PASSWORD", fresh.password());
      env.put("GATEHOUSE_STORE", fresh.url());
      assertThat(
              BackupCommand.restore(
                  List.of(file.toString(), "--store", fresh.url()), env, o(), e()))
          .as(err())
          .isZero();
      assertThat(out()).contains("tables into the PostgreSQL store");
      // Again: the database is no longer empty.
      assertThat(
              BackupCommand.restore(
                  List.of(file.toString(), "--store", fresh.url()), env, o(), e()))
          .isEqualTo(1);
      assertThat(err()).contains("not empty");
      config =
          ServerConfig.local(tmp.resolve("restored"))
              .withAccount("123456789012")
              .withStore(
                  new ServerConfig.StoreChoice.Postgres(
                      fresh.url(), fresh.user(), fresh.password()));
      try (Gatehouse g = Gatehouse.start(config, e(), Clock.systemUTC(), keys)) {
        assertThat(g.port()).isPositive();
      }
    }
  }

  @Test
  void keysRotateOnlineAsksTheRunningServer() throws Exception {
    Path data = tmp.resolve("online");
    ServerConfig config = ServerConfig.local(data).withAccount("123456789012");
    try (Gatehouse g = Gatehouse.start(config, e(), Clock.systemUTC(), Map.of())) {
      String endpoint = "http://127.0.0.1:" + g.port();
      Map<String, String> root = new java.util.HashMap<>();
      for (String line : Files.readAllLines(data.resolve("root-credentials"))) {
        int eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith("#")) {
          root.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
      Map<String, String> env =
          Map.of(
              "AWS_ACCESS_KEY_ID", root.get("aws_access_key_id"),
              "AWS_SECRET_ACCESS_KEY", root.get("aws_secret_access_key"));
      String before = Files.readString(data.resolve("session-keys"));
      assertThat(KeysCommand.run(List.of("rotate", "--endpoint", endpoint), env, o(), e()))
          .as(err())
          .isZero();
      assertThat(out()).contains("session keys: ").contains("seals from now on");
      assertThat(Files.readString(data.resolve("session-keys"))).isNotEqualTo(before);

      // A forged secret is refused by the server; no credentials, by the command.
      Map<String, String> forged =
          Map.of(
              "AWS_ACCESS_KEY_ID", root.get("aws_access_key_id"),
              "AWS_SECRET_ACCESS_KEY", "forged",
              "AWS_SESSION_TOKEN", "");
      assertThat(KeysCommand.run(List.of("rotate", "--endpoint", endpoint), forged, o(), e()))
          .isEqualTo(1);
      assertThat(err()).contains("the server refused (403 SignatureDoesNotMatch)");
      assertThat(KeysCommand.run(List.of("rotate", "--endpoint", endpoint), Map.of(), o(), e()))
          .isEqualTo(1);
      assertThat(err()).contains("AWS_ACCESS_KEY_ID");
      // The master key too, online: the key file then holds the new key alone.
      String masterBefore = Files.readString(data.resolve("master.key"));
      assertThat(
              KeysCommand.run(
                  List.of("rotate", "--endpoint", endpoint, "--master", "--session"),
                  env,
                  o(),
                  e()))
          .as(err())
          .isZero();
      assertThat(out())
          .contains("session keys: ")
          .containsPattern("master key: [0-9a-f]{16} now seals \\d+ stored secrets and 0 object")
          .contains("the old key is gone");
      assertThat(Files.readString(data.resolve("master.key"))).isNotEqualTo(masterBefore);
      assertThat(data.resolve("master.key.next")).doesNotExist();
      assertThat(
              KeysCommand.run(
                  List.of("rotate", "--endpoint", endpoint, "--data-dir", "x"), env, o(), e()))
          .isEqualTo(2);
      // A temporary key signs with its token.
      assertThat(
              KeysCommand.run(
                  List.of("rotate", "--endpoint", "http://127.0.0.1:" + g.port()),
                  Map.of(
                      "AWS_ACCESS_KEY_ID", "ASIAEXAMPLEEXAMPLE12",
                      "AWS_SECRET_ACCESS_KEY", "s",
                      "AWS_SESSION_TOKEN", "bm90IGEgdG9rZW4="),
                  o(),
                  e()))
          .isEqualTo(1);
      assertThat(err()).contains("the server refused (403 InvalidClientTokenId)");
    }
    assertThat(
            KeysCommand.run(
                List.of("rotate", "--endpoint", "http://127.0.0.1:1"),
                Map.of("AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "s"),
                o(),
                e()))
        .isEqualTo(1);
  }

  @Test
  void keysRotateBothWithTheServerStopped() throws Exception {
    Path data = dataDir();
    String before = Files.readString(data.resolve("master.key"));
    assertThat(
            KeysCommand.run(List.of("rotate", "--data-dir", data.toString()), Map.of(), o(), e()))
        .as(err())
        .isZero();
    assertThat(out()).contains("session keys: ", "master key: ");
    assertThat(Files.readString(data.resolve("master.key"))).isNotEqualTo(before);
    assertThat(
            KeysCommand.run(
                List.of("rotate", "--session", "--data-dir", data.toString()),
                Map.of("GATEHOUSE_SESSION_KEYS", "k"),
                o(),
                e()))
        .isEqualTo(1);
    assertThat(
            KeysCommand.run(
                List.of("rotate", "--master", "--data-dir", tmp.resolve("none").toString()),
                Map.of(),
                o(),
                e()))
        .isEqualTo(1);
    assertThat(err()).contains("no master key");
    assertThat(KeysCommand.run(List.of("rotate"), Map.of(), o(), e())).isEqualTo(2);
    assertThat(KeysCommand.run(List.of("--help"), Map.of(), o(), e())).isZero();
  }

  @Test
  void serveChecksTheAuditRetention() {
    assertThat(ServeCommand.retention(List.of("--audit-retention-days", "7"))).contains("7");
    assertThat(ServeCommand.retention(List.of("--audit-retention-days=2"))).contains("2");
    assertThat(ServeCommand.retention(List.of())).isEmpty();
    assertThat(Main.run(List.of("serve", "--audit-retention-days", "0"), o(), e())).isEqualTo(2);
    assertThat(err()).contains("--audit-retention-days must be");
    assertThat(Main.run(List.of("audit", "verify", "--dir", tmp.toString()), o(), e())).isZero();
    assertThat(Main.run(List.of("keys", "--help"), o(), e())).isZero();
    assertThat(Main.run(List.of("backup", "--help"), o(), e())).isZero();
    assertThat(Main.run(List.of("restore", "--help"), o(), e())).isZero();
  }
}
