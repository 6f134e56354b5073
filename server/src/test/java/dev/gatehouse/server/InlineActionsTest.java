package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.api.AuditLog;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.api.Pipeline;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.iam.Bootstrap;
import dev.gatehouse.core.password.PasswordHasher;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every action of {@link InlineReads#ACTIONS} is answered from memory: once the account's snapshot
 * is current, a second call of it through the server's own action tables and pipeline opens no
 * store transaction. An action added to the set that reads the store (a key's last use, a login
 * profile, anything not in the snapshot) fails here; one added without a case here fails too.
 */
class InlineActionsTest {
  static final String ACCOUNT = IamCorpusTest.ACCOUNT;
  private static final String ROOT_KEY_ID = "AKIAINLINEROOTKEY001";
  private static final Map<String, String> ENVIRONMENT =
      Map.of(
          Bootstrap.ENV_ACCESS_KEY_ID, ROOT_KEY_ID,
          Bootstrap.ENV_SECRET_ACCESS_KEY, "inlineRootSecretAccessKey/0000000000000000",
          Bootstrap.ENV_ROOT_PASSWORD, "Inline-root-password-1");
  private static final Caller ROOT =
      new Caller(new Principal.Root(ACCOUNT), ROOT_KEY_ID, "us-east-1", "iam");
  private static final InProcessCalls.Origin ORIGIN =
      new InProcessCalls.Origin("127.0.0.1", true, "gatehouse-inline-test", Map.of());

  /** A call of each action in the set, by service and action: what the test sends. */
  static final Map<String, Map<String, Map<String, String>>> CASES =
      Map.of(
          "iam",
          Map.ofEntries(
              Map.entry("GetUser", Map.of("UserName", "reader")),
              Map.entry("GetRole", Map.of("RoleName", "reader")),
              Map.entry("GetGroup", Map.of("GroupName", "readers")),
              Map.entry("ListPolicies", Map.of("Scope", "Local")),
              Map.entry("ListUsers", Map.of()),
              Map.entry("ListRoles", Map.of()),
              Map.entry("ListGroups", Map.of()),
              Map.entry("ListGroupsForUser", Map.of("UserName", "reader")),
              Map.entry("ListUserTags", Map.of("UserName", "reader")),
              Map.entry("ListRoleTags", Map.of("RoleName", "reader")),
              Map.entry("ListAttachedUserPolicies", Map.of("UserName", "reader")),
              Map.entry("ListAttachedRolePolicies", Map.of("RoleName", "reader")),
              Map.entry("ListAttachedGroupPolicies", Map.of("GroupName", "readers")),
              Map.entry("ListUserPolicies", Map.of("UserName", "reader")),
              Map.entry("ListRolePolicies", Map.of("RoleName", "reader")),
              Map.entry("ListGroupPolicies", Map.of("GroupName", "readers")),
              Map.entry("GetUserPolicy", Map.of("UserName", "reader", "PolicyName", "own")),
              Map.entry("GetRolePolicy", Map.of("RoleName", "reader", "PolicyName", "own")),
              Map.entry("GetGroupPolicy", Map.of("GroupName", "readers", "PolicyName", "own"))),
          "sts",
          Map.of("GetCallerIdentity", Map.of()));

  /** Counts the transactions opened on a store. */
  static final class CountingStore implements Store {
    final Store inner;
    final AtomicLong reads = new AtomicLong();
    final AtomicLong writes = new AtomicLong();

    CountingStore(Store inner) {
      this.inner = inner;
    }

    @Override
    public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
      reads.incrementAndGet();
      return inner.read(work);
    }

    @Override
    public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
      writes.incrementAndGet();
      return inner.write(work);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  @TempDir static Path dir;
  static CountingStore store;
  static NodeAssembly.Node node;
  static AuditLog audit;
  static InProcessCalls calls;

  @BeforeAll
  static void start() throws Exception {
    ServerConfig config = IamCorpusTest.config(dir);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    store = new CountingStore(new MemoryStore());
    node =
        NodeAssembly.node(
            config,
            quiet,
            Clock.systemUTC(),
            ENVIRONMENT,
            store,
            new PasswordHasher(1_000, new SecureRandom()));
    audit = new AuditLog(dir.resolve("audit"));
    calls = node.inProcess(new Pipeline(audit), Clock.systemUTC());
    iam("CreateUser", Map.of("UserName", "reader", "Tags.member.1.Key", "team"));
    iam(
        "CreateRole",
        Map.of(
            "RoleName",
            "reader",
            "AssumeRolePolicyDocument",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                + "{\"AWS\":\"arn:aws:iam::123456789012:user/reader\"},"
                + "\"Action\":\"sts:AssumeRole\"}]}",
            "Tags.member.1.Key",
            "team"));
    iam(
        "CreatePolicy",
        Map.of(
            "PolicyName",
            "read",
            "PolicyDocument",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"iam:Get*\",\"Resource\":\"*\"}]}"));
    iam("CreateGroup", Map.of("GroupName", "readers"));
    iam("AddUserToGroup", Map.of("GroupName", "readers", "UserName", "reader"));
    String own =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"iam:List*\",\"Resource\":\"*\"}]}";
    String read = "arn:aws:iam::" + ACCOUNT + ":policy/read";
    for (String kind : new String[] {"User", "Role", "Group"}) {
      String param = kind + "Name";
      String name = kind.equals("Group") ? "readers" : "reader";
      iam("Put" + kind + "Policy", Map.of(param, name, "PolicyName", "own", "PolicyDocument", own));
      iam("Attach" + kind + "Policy", Map.of(param, name, "PolicyArn", read));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    audit.close();
    Gatehouse.closeAll(node.resources());
  }

  private static void iam(String action, Map<String, String> params) {
    calls.call("iam", action, params, ROOT, ORIGIN);
  }

  @Test
  void everyInlineActionHasACase() {
    for (Map.Entry<String, Set<String>> service : InlineReads.ACTIONS.entrySet()) {
      assertThat(CASES).containsKey(service.getKey());
      assertThat(new TreeSet<>(CASES.get(service.getKey()).keySet()))
          .as(service.getKey())
          .isEqualTo(new TreeSet<>(service.getValue()));
    }
    assertThat(InlineReads.ACTIONS.get("iam")).containsAll(InlineReads.EVERY_ACCOUNT);
  }

  @TestFactory
  Stream<DynamicTest> eachInlineActionReadsNoStore() {
    return InlineReads.ACTIONS.entrySet().stream()
        .flatMap(
            service ->
                new TreeSet<>(service.getValue())
                    .stream()
                        .map(
                            action ->
                                DynamicTest.dynamicTest(
                                    service.getKey() + ":" + action,
                                    () -> answeredFromMemory(service.getKey(), action))));
  }

  private static void answeredFromMemory(String service, String action) {
    Map<String, String> params = CASES.get(service).get(action);
    assertThat(params).as("a case for " + action).isNotNull();
    Caller caller = new Caller(ROOT.principal(), ROOT_KEY_ID, "us-east-1", service);
    calls.call(service, action, params, caller, ORIGIN); // builds what the snapshot lacks
    long reads = store.reads.get();
    long writes = store.writes.get();
    assertThat(calls.call(service, action, params, caller, ORIGIN)).isNotNull();
    assertThat(store.reads.get() - reads).as(action + " store reads").isZero();
    assertThat(store.writes.get() - writes).as(action + " store writes").isZero();
  }
}
