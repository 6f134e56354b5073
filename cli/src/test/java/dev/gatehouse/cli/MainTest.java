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

  @Test
  void namesTheBundledLoggingProviderUnlessOneIsNamed() throws Exception {
    // A provider class that moved would send SLF4J back to its class path search.
    assertThat(
            Class.forName("org.slf4j.spi.SLF4JServiceProvider")
                .isAssignableFrom(Class.forName(Main.LOGGING_PROVIDER)))
        .isTrue();
    String provider = System.getProperty("slf4j.provider");
    String verbosity = System.getProperty("slf4j.internal.verbosity");
    try {
      System.clearProperty("slf4j.provider");
      System.clearProperty("slf4j.internal.verbosity");
      Main.namedLoggingProvider();
      assertThat(System.getProperty("slf4j.provider")).isEqualTo(Main.LOGGING_PROVIDER);
      assertThat(System.getProperty("slf4j.internal.verbosity")).isEqualTo("WARN");

      System.setProperty("slf4j.provider", "org.example.OwnProvider");
      System.clearProperty("slf4j.internal.verbosity");
      Main.namedLoggingProvider();
      assertThat(System.getProperty("slf4j.provider")).isEqualTo("org.example.OwnProvider");
      assertThat(System.getProperty("slf4j.internal.verbosity")).isNull();
    } finally {
      restore("slf4j.provider", provider);
      restore("slf4j.internal.verbosity", verbosity);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
