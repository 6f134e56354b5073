package dev.gatehouse.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.iam.Bootstrap;
import dev.gatehouse.core.sts.SessionKeyStore;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.ServerConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/** Starting nodes on a PostgreSQL store: what is refused, and two nodes starting at once. */
class SharedStoreStartupTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "without {0}")
  @ValueSource(strings = {KeyRing.ENV, SessionKeyStore.ENV, "both"})
  void aNodeWithoutTheSharedKeysDoesNotStartAndWritesNoKeysOfItsOwn(String missing)
      throws Exception {
    try (SharedPostgres database = new SharedPostgres()) {
      Map<String, String> env = new HashMap<>(database.environment);
      env.keySet()
          .removeAll(
              missing.equals("both")
                  ? List.of(KeyRing.ENV, SessionKeyStore.ENV)
                  : List.of(missing));
      Path data = dir.resolve("node");
      ServerConfig config = database.config(data, new ServerConfig.AccountChoice.Stored());
      String names = missing.equals("both") ? KeyRing.ENV + " and " + SessionKeyStore.ENV : missing;
      assertThatThrownBy(() -> database.start(config, env))
          .isInstanceOf(Gatehouse.StartupException.class)
          .hasMessage(
              "cannot start on PostgreSQL store "
                  + database.url()
                  + ": a PostgreSQL store is shared by nodes, which must share their keys: set "
                  + names
                  + ", the same on every node");
      assertThat(data.resolve(KeyRing.FILE_NAME)).doesNotExist();
      assertThat(data.resolve(SessionKeyStore.FILE_NAME)).doesNotExist();
      assertThat(database.count("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"))
          .as("nothing migrated, nothing created")
          .isZero();
    }
  }

  @Test
  void aWrongPasswordIsReportedWithoutThePassword() throws Exception {
    try (SharedPostgres database = new SharedPostgres();
        RefusingPostgres server = new RefusingPostgres()) {
      String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/gatehouse";
      ServerConfig config =
          ServerConfig.local(dir.resolve("node"))
              .withStore(new ServerConfig.StoreChoice.Postgres(url, "gatehouse", "Wr0ng-Passw0rd"));
      assertThatThrownBy(
              () ->
                  Gatehouse.start(
                      config,
                      new java.io.PrintStream(
                          new java.io.ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                      Clock.systemUTC(),
                      database.environment))
          .isInstanceOf(Gatehouse.StartupException.class)
          .hasMessageStartingWith("cannot start on PostgreSQL store " + url + ": ")
          .hasMessageContaining("password authentication failed for user \"gatehouse\"")
          .message()
          .doesNotContain("Wr0ng-Passw0rd");
      assertThat(server.passwords).as("the password reached the server").contains("Wr0ng-Passw0rd");
      assertThat(config.toString()).doesNotContain("Wr0ng-Passw0rd");
    }
  }

  @Test
  void twoNodesStartingAtOnceOnAnEmptyStoreMakeOneAccount() throws Exception {
    try (SharedPostgres database = new SharedPostgres()) {
      // No root key in the environment: each node would generate one, and only one may be kept.
      Map<String, String> env =
          Map.of(
              KeyRing.ENV,
              database.environment.get(KeyRing.ENV),
              SessionKeyStore.ENV,
              database.environment.get(SessionKeyStore.ENV));
      CountDownLatch go = new CountDownLatch(1);
      List<Callable<Gatehouse>> starts = new ArrayList<>();
      for (String name : List.of("a", "b")) {
        ServerConfig config =
            database.config(dir.resolve(name), new ServerConfig.AccountChoice.Stored());
        starts.add(
            () -> {
              go.await();
              return database.start(config, env);
            });
      }
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Gatehouse> nodes = new ArrayList<>();
      try {
        List<Future<Gatehouse>> started = new ArrayList<>();
        for (Callable<Gatehouse> start : starts) {
          started.add(pool.submit(start));
        }
        go.countDown();
        for (Future<Gatehouse> f : started) {
          nodes.add(f.get());
        }
        assertThat(database.count("SELECT COUNT(*) FROM iam_accounts")).isEqualTo(1);
        assertThat(nodes.get(0).accountId()).isEqualTo(nodes.get(1).accountId());
        List<Path> files = new ArrayList<>();
        for (String name : List.of("a", "b")) {
          Path file = dir.resolve(name).resolve(Bootstrap.CREDENTIALS_FILE);
          if (Files.exists(file)) {
            files.add(file);
          }
        }
        assertThat(files).as("the winner's credentials, and no unusable ones").hasSize(1);
        Map<String, String> creds = LiveServer.credentialsFile(files.get(0));
        AwsBasicCredentials root =
            AwsBasicCredentials.create(
                creds.get("aws_access_key_id"), creds.get("aws_secret_access_key"));
        for (Gatehouse node : nodes) {
          try (IamClient iam =
              IamClient.builder()
                  .endpointOverride(java.net.URI.create("http://127.0.0.1:" + node.port()))
                  .region(Region.US_EAST_1)
                  .credentialsProvider(StaticCredentialsProvider.create(root))
                  .httpClient(UrlConnectionHttpClient.create())
                  .build()) {
            assertThat(iam.getUser().user().arn())
                .isEqualTo("arn:aws:iam::" + node.accountId() + ":root");
          }
        }
      } finally {
        pool.shutdownNow();
        for (Gatehouse node : nodes) {
          node.close();
        }
      }
    }
  }

  /**
   * A server speaking just enough of the PostgreSQL protocol to refuse a password as PostgreSQL
   * does (the tests' server trusts every connection, so it cannot).
   */
  private static final class RefusingPostgres implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    final List<String> passwords = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ServerSocket socket;
    private final Thread thread;

    RefusingPostgres() throws IOException {
      socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
      thread = new Thread(this::serve, "refusing-postgres");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket client = socket.accept()) {
          refuse(
              new DataInputStream(client.getInputStream()),
              new DataOutputStream(client.getOutputStream()));
        } catch (IOException e) {
          // the client gave up, or the socket closed
        }
      }
    }

    private void refuse(DataInputStream in, DataOutputStream out) throws IOException {
      while (true) {
        int length = in.readInt();
        int code = in.readInt();
        if (code == SSL_REQUEST || code == GSS_REQUEST) {
          out.writeByte('N');
          out.flush();
          continue;
        }
        in.skipNBytes(length - 8L); // the startup parameters
        break;
      }
      out.writeByte('R'); // AuthenticationCleartextPassword
      out.writeInt(8);
      out.writeInt(3);
      out.flush();
      if (in.readByte() != 'p') {
        return;
      }
      byte[] password = new byte[in.readInt() - 4];
      in.readFully(password);
      passwords.add(new String(password, 0, password.length - 1, StandardCharsets.UTF_8));
      byte[] fields =
          "SFATAL\0VFATAL\0C28P01\0Mpassword authentication failed for user \"gatehouse\"\0\0"
              .getBytes(StandardCharsets.UTF_8);
      out.writeByte('E');
      out.writeInt(4 + fields.length);
      out.write(fields);
      out.flush();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
