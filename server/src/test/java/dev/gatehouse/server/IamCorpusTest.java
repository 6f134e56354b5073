package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.api.AuditLog;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.api.Pipeline;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.Bootstrap;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.server.e2e.ThrowAwayPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IAM case corpora ({@code src/test/resources/iam/*-cases.json}) through the server's own
 * request pipeline, on every store adapter. Each case starts a server's parts ({@link
 * NodeAssembly#node}) on a fresh store with one account, runs its set-up steps, then one action
 * that must fail with AWS's error code and exact message, or succeed when the case names no code.
 * Parameters go in as an SDK sends them ({@link QueryForm}); the IAM action table decodes them, the
 * server's authorizer decides and its error table answers. A step runs as the account's root user
 * unless it names an IAM user of the account as its {@code caller}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IamCorpusTest {
  static final String ACCOUNT = "123456789012";
  private static final String ROOT_KEY_ID = "AKIACORPUSROOTKEY001";
  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          Bootstrap.ENV_ACCESS_KEY_ID, ROOT_KEY_ID,
          Bootstrap.ENV_SECRET_ACCESS_KEY, "corpusRootSecretAccessKey/000000000000000",
          Bootstrap.ENV_ROOT_PASSWORD, "Corpus-root-password-1");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);

  /** Console passwords at a test cost (production: 600,000 iterations). */
  private static final PasswordHasher HASHER = new PasswordHasher(1_000, new SecureRandom());

  private static final Caller ROOT =
      new Caller(new Principal.Root(ACCOUNT), ROOT_KEY_ID, "us-east-1", "iam");
  private static final InProcessCalls.Origin ORIGIN =
      new InProcessCalls.Origin("127.0.0.1", true, "gatehouse-iam-corpus", Map.of());

  /** The id of a caller whose user no longer exists (deleted after it signed its request). */
  private static final String GONE_USER_ID = "AIDACORPUSGONEUSER001";

  @TempDir Path dir;
  private final List<FreshStores> opened = new ArrayList<>();
  private final AtomicInteger caseNumber = new AtomicInteger();

  @TestFactory
  Stream<DynamicNode> onTheMemoryStore() throws IOException {
    return corpora(new FreshStores.Memory());
  }

  @TestFactory
  Stream<DynamicNode> onSqlite() throws IOException {
    return corpora(FreshStores.Sqlite.in(Files.createDirectories(dir.resolve("sqlite-template"))));
  }

  @TestFactory
  Stream<DynamicNode> onPostgres() throws Exception {
    return corpora(new FreshStores.Postgres(new ThrowAwayPostgres()));
  }

  @AfterAll
  void closeStores() throws Exception {
    for (FreshStores stores : opened) {
      stores.close();
    }
  }

  private Stream<DynamicNode> corpora(FreshStores stores) throws IOException {
    opened.add(stores);
    List<DynamicNode> files = new ArrayList<>();
    for (Path file : corpusFiles()) {
      JsonNode cases = new ObjectMapper().readTree(file.toFile());
      List<DynamicTest> tests = new ArrayList<>();
      for (JsonNode c : cases) {
        tests.add(DynamicTest.dynamicTest(c.get("id").asText(), () -> run(c, stores)));
      }
      assertThat(tests).as(file.toString()).hasSizeGreaterThan(50);
      files.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), tests));
    }
    assertThat(files).hasSize(2);
    return files.stream();
  }

  private static List<Path> corpusFiles() throws IOException {
    try (Stream<Path> files =
        Files.list(Path.of(IamCorpusTest.class.getResource("/iam").toURI()))) {
      return files.filter(f -> f.toString().endsWith("-cases.json")).sorted().toList();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A node's configuration for {@link #ACCOUNT} over plain HTTP, its data in {@code dir}. */
  static ServerConfig config(Path dir) {
    return ServerConfig.local(dir).withAccount(ACCOUNT);
  }

  private void run(JsonNode c, FreshStores stores) throws Exception {
    Path caseDir = Files.createDirectories(dir.resolve("case-" + caseNumber.incrementAndGet()));
    ServerConfig config = config(caseDir);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    NodeAssembly.Node node =
        NodeAssembly.node(config, quiet, CLOCK, ENVIRONMENT, stores.open(caseDir), HASHER);
    try (AuditLog audit = new AuditLog(caseDir.resolve("audit"))) {
      InProcessCalls calls = node.inProcess(new Pipeline(audit), CLOCK);
      int n = 0;
      for (JsonNode step : c.get("setup")) {
        n++;
        try {
          call(calls, step);
        } catch (GatehouseException e) {
          throw new AssertionError(
              "set-up step " + n + " (" + step.get("action").asText() + ")", e);
        }
      }
      if (!c.has("code")) {
        assertThat(call(calls, c)).isNotNull();
        return;
      }
      assertThatThrownBy(() -> call(calls, c))
          .isInstanceOfSatisfying(
              GatehouseException.class,
              e ->
                  assertThat(e.code().awsCode() + ": " + e.getMessage())
                      .isEqualTo(c.get("code").asText() + ": " + c.get("message").asText()));
    } finally {
      Gatehouse.closeAll(node.resources());
      deleteTree(caseDir); // 789 cases' stores and audit logs would pile up in the temp dir
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static JsonNode call(InProcessCalls calls, JsonNode step) {
    Caller caller = step.has("caller") ? user(calls, step.get("caller").asText()) : ROOT;
    return calls.call(
        "iam", step.get("action").asText(), QueryForm.of(step.get("params")), caller, ORIGIN);
  }

  /** An IAM user of the account as the caller, as SigV4 would have authenticated it. */
  private static Caller user(InProcessCalls calls, String name) {
    Principal.User principal;
    try {
      JsonNode user =
          calls.call("iam", "GetUser", Map.of("UserName", name), ROOT, ORIGIN).get("user");
      principal =
          new Principal.User(
              ACCOUNT,
              user.get("userName").asText(),
              user.get("path").asText(),
              user.get("userId").asText());
    } catch (GatehouseException e) {
      if (e.code() != ErrorCode.NO_SUCH_ENTITY) {
        throw e;
      }
      principal = new Principal.User(ACCOUNT, name, "/", GONE_USER_ID);
    }
    return new Caller(principal, "AKIACORPUSUSERKEY001", "us-east-1", "iam");
  }
}
