package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.sts.SessionKeyStore;
import dev.gatehouse.server.ServerConfig;
import dev.gatehouse.server.ServerConfig.StoreChoice;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --store} and {@code GATEHOUSE_STORE}: the URL forms, the user, and what is refused. */
class ServeStoreOptionTest {
  private static final Map<String, String> PASSWORD = Map.of("GATEHOUSE_STORE_PASSWORD", "s3cret");

  private static StoreChoice store(List<String> args, Map<String, String> env) {
    return ServeCommand.parse(args, env).orElseThrow().store();
  }

  @Test
  void withoutTheOptionTheStoreIsTheEmbeddedOne() {
    assertThat(store(List.of(), Map.of())).isEqualTo(new StoreChoice.Embedded());
    assertThat(store(List.of(), Map.of("GATEHOUSE_STORE", " ")))
        .isEqualTo(new StoreChoice.Embedded());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "jdbc:postgresql://db.internal:5432/gatehouse | jdbc:postgresql://db.internal:5432/gatehouse | env-user",
        "jdbc:postgresql://db/gh?user=app&sslmode=require | jdbc:postgresql://db/gh?user=app&sslmode=require | app",
        "postgresql://app@db.internal:6432/gatehouse | jdbc:postgresql://db.internal:6432/gatehouse | app",
        "postgres://ops%40corp@db/gh?sslmode=verify-full | jdbc:postgresql://db/gh?sslmode=verify-full | ops@corp",
        "POSTGRES://db1:5432,db2:5432/gh | jdbc:postgresql://db1:5432,db2:5432/gh | env-user",
      })
  void theUrlFormsBecomeOneJdbcUrlAndAUser(String url, String jdbcUrl, String user) {
    Map<String, String> env =
        Map.of("GATEHOUSE_STORE_USER", "env-user", "GATEHOUSE_STORE_PASSWORD", "s3cret");
    StoreChoice.Postgres pg = (StoreChoice.Postgres) store(List.of("--store", url), env);
    assertThat(pg.jdbcUrl()).isEqualTo(jdbcUrl);
    assertThat(pg.user()).isEqualTo(user);
    assertThat(pg.password()).isEqualTo("s3cret");
    assertThat(pg.toString()).doesNotContain("s3cret");
  }

  @Test
  void theVariableGivesTheStoreAndTheOptionWins() {
    Map<String, String> env =
        Map.of(
            "GATEHOUSE_STORE", "postgresql://a@from-env/gh", "GATEHOUSE_STORE_PASSWORD", "s3cret");
    assertThat(((StoreChoice.Postgres) store(List.of(), env)).jdbcUrl())
        .isEqualTo("jdbc:postgresql://from-env/gh");
    assertThat(
            ((StoreChoice.Postgres) store(List.of("--store=postgresql://b@from-option/gh"), env))
                .jdbcUrl())
        .isEqualTo("jdbc:postgresql://from-option/gh");
    assertThat(
            ((StoreChoice.Postgres) store(List.of(), Map.of("GATEHOUSE_STORE", "postgres://u@h/d")))
                .password())
        .as("no password variable: none (trust or certificate authentication)")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "mysql://u@h/gh | --store must be jdbc:postgresql://HOST[:PORT]/DATABASE or postgresql://[USER@]HOST[:PORT]/DATABASE, got 'mysql://u@h/gh'",
        "db.internal/gh | --store must be jdbc:postgresql://HOST[:PORT]/DATABASE or postgresql://[USER@]HOST[:PORT]/DATABASE, got 'db.internal/gh'",
        "postgresql://u@/gh | --store names no host: jdbc:postgresql://HOST[:PORT]/DATABASE or postgresql://[USER@]HOST[:PORT]/DATABASE, got 'postgresql://u@/gh'",
        "postgresql://u@:5432/gh | --store names no host: jdbc:postgresql://HOST[:PORT]/DATABASE or postgresql://[USER@]HOST[:PORT]/DATABASE, got 'postgresql://u@:5432/gh'",
        "postgresql://u@db | --store names no database: jdbc:postgresql://HOST[:PORT]/DATABASE or postgresql://[USER@]HOST[:PORT]/DATABASE, got 'postgresql://u@db'",
        "jdbc:postgresql://db/?user=u | --store names no database: jdbc:postgresql://HOST[:PORT]/DATABASE or postgresql://[USER@]HOST[:PORT]/DATABASE, got 'jdbc:postgresql://db/?user=u'",
        "postgresql://db/gh | --store names no user: put it in the URL (postgresql://USER@HOST/DATABASE) or set GATEHOUSE_STORE_USER",
      })
  void badUrlsAreRefusedWithWhatIsWrong(String url, String message) {
    assertThatThrownBy(() -> store(List.of("--store", url), PASSWORD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "postgresql://app:hunter2xyz@db/gh",
        "jdbc:postgresql://db/gh?user=app&password=hunter2xyz",
        "postgres://db/gh?PASSWORD=hunter2xyz",
        "postgresql://app@db/gh?sslmode=verify-full&sslpassword=hunter2xyz",
        "mysql://app:hunter2xyz@db/gh",
      })
  void aPasswordInTheUrlIsRefusedWithoutRepeatingIt(String url) {
    assertThatThrownBy(() -> store(List.of("--store", url), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--store must not hold the password (not repeated here): set GATEHOUSE_STORE_PASSWORD")
        .message()
        .doesNotContain("hunter2xyz");
    assertThatThrownBy(() -> store(List.of(), Map.of("GATEHOUSE_STORE", url)))
        .hasMessageStartingWith("GATEHOUSE_STORE must not hold the password");
  }

  @Test
  void devModeNeedsTheEmbeddedStore() {
    assertThatThrownBy(() -> store(List.of("--dev", "--store", "postgres://u@h/d"), Map.of()))
        .hasMessage("--dev works with the embedded store only, not --store");
    assertThatThrownBy(() -> store(List.of("--store"), Map.of()))
        .hasMessage("--store needs a value");
  }

  @Test
  void theCommandSaysWhatIsWrongOnOneLineAndExitsWithTwo() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ServeCommand.run(
            List.of("--store", "postgresql://app:hunter2xyz@db/gh"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(2);
    String text = err.toString(StandardCharsets.UTF_8);
    assertThat(text.lines().findFirst())
        .hasValue(
            "gatehouse serve: --store must not hold the password (not repeated here): set"
                + " GATEHOUSE_STORE_PASSWORD");
    assertThat(text).doesNotContain("hunter2xyz").contains("--store URL");
  }

  @Test
  void withoutTheSharedKeysServeExitsWithOneAndSaysWhichToSet(@TempDir Path dir) {
    assumeTrue(
        System.getenv(KeyRing.ENV) == null && System.getenv(SessionKeyStore.ENV) == null,
        "the keys are not set in this JVM's environment");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        ServeCommand.run(
            List.of(
                "--store",
                "postgresql://postgres@127.0.0.1:5432/gatehouse",
                "--port",
                "0",
                "--data-dir",
                dir.toString()),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "gatehouse serve: cannot start on PostgreSQL store"
                + " jdbc:postgresql://127.0.0.1:5432/gatehouse: a PostgreSQL store is shared by"
                + " nodes, which must share their keys: set GATEHOUSE_MASTER_KEY and"
                + " GATEHOUSE_SESSION_KEYS, the same on every node"
                + System.lineSeparator());
    assertThat(dir.resolve(KeyRing.FILE_NAME)).doesNotExist();
  }

  @Test
  void theHelpNamesTheOptionAndTheVariables() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ServeCommand.run(
        List.of("--help"),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("--store URL")
        .contains("GATEHOUSE_STORE_PASSWORD")
        .contains("GATEHOUSE_MASTER_KEY")
        .contains("GATEHOUSE_SESSION_KEYS");
    ServerConfig embedded = ServeCommand.parse(List.of(), Map.of()).orElseThrow();
    assertThat(embedded.store()).isInstanceOf(StoreChoice.Embedded.class);
  }
}
