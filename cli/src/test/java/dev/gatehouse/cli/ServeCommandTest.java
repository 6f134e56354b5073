package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServeCommandTest {
  @Test
  void defaults() {
    ServerConfig c = ServeCommand.parse(List.of()).orElseThrow();
    assertThat(c.port()).isEqualTo(7440);
    assertThat(c.bind()).isEqualTo("127.0.0.1");
    assertThat(c.dataDir()).isEqualTo(Path.of("gatehouse-data"));
    assertThat(c.accountId()).isInstanceOf(ServerConfig.AccountChoice.Stored.class);
    assertThat(c.tls()).isInstanceOf(ServerConfig.TlsChoice.Plain.class);
    assertThat(c.dev()).isFalse();
    assertThat(c.scheme()).isEqualTo("http");
  }

  @Test
  void everyOption() {
    ServerConfig c =
        ServeCommand.parse(
                List.of(
                    "--port",
                    "0",
                    "--bind=0.0.0.0",
                    "--data-dir",
                    "/tmp/x",
                    "--account-id",
                    "111122223333",
                    "--tls-cert",
                    "c.pem",
                    "--tls-key",
                    "k.pem"))
            .orElseThrow();
    assertThat(c.port()).isZero();
    assertThat(c.bind()).isEqualTo("0.0.0.0");
    assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(c.accountId().given()).hasValue("111122223333");
    assertThat(c.tls())
        .isEqualTo(new ServerConfig.TlsChoice.Pem(Path.of("c.pem"), Path.of("k.pem")));
    assertThat(c.dev()).isFalse();
    assertThat(c.scheme()).isEqualTo("https");
    assertThat(ServeCommand.parse(List.of("--dev")).orElseThrow().dev()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "localhost"})
  void devModeListensOnLoopback(String bind) {
    assertThat(ServeCommand.parse(List.of("--dev", "--bind", bind)).orElseThrow().bind())
        .isEqualTo(bind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0", "::", "192.0.2.10", "10.0.0.1", "no-such-host.invalid"})
  void devModeRefusesToListenBeyondLoopback(String bind) {
    assertThatThrownBy(() -> ServeCommand.parse(List.of("--dev", "--bind", bind)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--dev listens on loopback only")
        .hasMessageContaining("'" + bind + "'");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(
            ServeCommand.run(
                List.of("--dev", "--bind", bind),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--dev listens on loopback only");
  }

  @Test
  void badOptionsAreRefusedWithTheReason() {
    assertThatThrownBy(() -> ServeCommand.parse(List.of("--port", "x")))
        .hasMessageContaining("--port must be a number");
    assertThatThrownBy(() -> ServeCommand.parse(List.of("--port", "70000")))
        .hasMessageContaining("0-65535");
    assertThatThrownBy(() -> ServeCommand.parse(List.of("--account-id", "12")))
        .hasMessageContaining("12 digits");
    assertThatThrownBy(() -> ServeCommand.parse(List.of("--tls-cert", "c.pem")))
        .hasMessageContaining("go together");
    assertThatThrownBy(() -> ServeCommand.parse(List.of("--frob")))
        .hasMessageContaining("unknown option");
    assertThatThrownBy(() -> ServeCommand.parse(List.of("--port")))
        .hasMessageContaining("needs a value");
  }

  @Test
  void helpAndErrorsThroughRun() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(
            ServeCommand.run(
                List.of("--help"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--data-dir", "--tls-cert", "7440");
    assertThat(
            ServeCommand.run(
                List.of("--nope"),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option '--nope'");
  }
}
