package dev.gatehouse.server;

import dev.gatehouse.core.iam.ConsoleSignIn;
import dev.gatehouse.server.console.ConsoleBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * Starts a real server (embedded store, port 0, account 123456789012) for the console's tests, with
 * the server's clock given and, optionally, another console sign-in check.
 */
public final class ConsoleTestServer {
  private ConsoleTestServer() {}

  public static final String ACCOUNT = "123456789012";

  /**
   * @param signIn replaces the wired sign-in check (given the wired backend), or empty for the
   *     server's own
   */
  public static Gatehouse start(
      Path dataDir, Clock clock, Optional<Function<ConsoleBackend, ConsoleSignIn>> signIn)
      throws Exception {
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            dataDir,
            new ServerConfig.AccountChoice.Given(ACCOUNT),
            new ServerConfig.TlsChoice.Plain(),
            false,
            ServerConfig.DEFAULT_MAX_BODY_BYTES);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    java.nio.file.Files.createDirectories(dataDir);
    Gatehouse.Parts parts = Wiring.embedded(config, quiet, clock);
    if (signIn.isPresent()) {
      ConsoleBackend wired = parts.console().orElseThrow();
      ConsoleBackend replaced =
          new ConsoleBackend(
              signIn.get().apply(wired), wired.directory(), wired.sts(), wired.idleTimeout());
      parts =
          new Gatehouse.Parts(
              parts.accountId(),
              parts.authenticator(),
              parts.authorizer(),
              parts.iam(),
              parts.others(),
              parts.clock(),
              parts.resources(),
              Optional.of(replaced));
    }
    return Gatehouse.start(config, parts);
  }
}
