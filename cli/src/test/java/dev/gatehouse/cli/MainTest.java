package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return Main.run(
        List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void dispatchesAndExplains() {
    assertThat(run()).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve", "policy");
    assertThat(run("--help")).isZero();
    assertThat(run("serve", "--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("--tls-key");
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'");
  }

  @Test
  void serveReportsAStartupFailure(@TempDir Path dir) throws Exception {
    // A data directory that is a file cannot hold a store.
    Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
    assertThat(run("serve", "--port", "0", "--data-dir", file.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("gatehouse serve: cannot start on data directory");
  }
}
