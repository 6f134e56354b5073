package dev.gatehouse.server;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.iam.EnginePolicyValidator;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/**
 * Starts a real server (embedded store, port 0, account 123456789012) for the console's tests,
 * reading time from the given clock.
 */
public final class ConsoleTestServer {
  private ConsoleTestServer() {}

  public static final String ACCOUNT = "123456789012";

  public static Gatehouse start(Path dataDir, Clock clock) throws Exception {
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            dataDir,
            new ServerConfig.AccountChoice.Given(ACCOUNT),
            new ServerConfig.TlsChoice.Plain(),
            false,
            ServerConfig.DEFAULT_MAX_BODY_BYTES);
    Files.createDirectories(dataDir);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    return Gatehouse.start(config, quiet, clock);
  }

  /**
   * Creates users with console passwords in a stopped server's store (its data directory must have
   * been bootstrapped by a first start), as an administrator's CreateUser and CreateLoginProfile
   * would.
   */
  public static final class Logins implements AutoCloseable {
    private final Store store;
    private final IamServices iam;

    public Logins(Path dataDir, Clock clock) {
      SecureRandom random = new SecureRandom();
      this.store = SqliteStore.open(dataDir);
      this.iam =
          IamServices.create(
              store,
              clock,
              new Ids(random),
              KeyRing.load(dataDir, Map.of(), random),
              new EnginePolicyValidator(),
              ManagedPolicyCatalogue.bundled(),
              account -> {});
    }

    public void create(String userName, String password, boolean resetRequired) {
      iam.users()
          .createUser(ACCOUNT, dev.gatehouse.core.iam.Users.CreateUserRequest.named(userName));
      iam.loginProfiles().create(ACCOUNT, userName, password, resetRequired);
    }

    @Override
    public void close() {
      store.close();
    }
  }
}
