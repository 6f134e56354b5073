package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.ManagedPolicies;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** How snapshots are rebuilt: compiled policies reused, rebuilds shared, last uses apart. */
class SnapshotRebuildTest {
  static final String A = SnapshotsTest.A;
  static final String DOC = SnapshotsTest.DOC;
  static final String TRUST = SnapshotsTest.TRUST;
  static final String ROLE_ARN = "arn:aws:iam::123456789012:role/r";

  /**
   * A memory store whose reads on threads other than the test's wait for a gate while it is shut,
   * so a test can hold a rebuild in the middle of its store read.
   */
  static final class GatedStore implements Store {
    final Store inner = new MemoryStore();
    final Thread owner = Thread.currentThread();
    final AtomicInteger heldReads = new AtomicInteger();
    volatile CountDownLatch gate = new CountDownLatch(0);

    @Override
    public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
      if (Thread.currentThread() != owner) {
        heldReads.incrementAndGet();
        try {
          if (!gate.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("gate never opened");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return inner.read(work);
    }

    @Override
    public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
      return inner.write(work);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  private final GatedStore store = new GatedStore();
  private final Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
  private final IamServices iam = SnapshotsTest.services(store, snapshots).build();

  SnapshotRebuildTest() {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(A, Clock.systemUTC().instant()));
          return null;
        });
  }

  private String roleWithPolicy() {
    var p = iam.managedPolicies().createPolicy(A, ManagedPolicies.CreatePolicyRequest.of("p", DOC));
    iam.roles().createRole(A, Roles.CreateRoleRequest.of("r", TRUST));
    iam.attachments().attachRolePolicy(A, "r", p.arn());
    iam.inlinePolicies().put(A, dev.gatehouse.core.domain.EntityKind.ROLE, "r", "inline", DOC);
    return p.arn();
  }

  @Test
  void unchangedPoliciesKeepTheirCompiledFormAcrossGenerations() {
    String arn = roleWithPolicy();
    IamSnapshot before = snapshots.current(A);
    List<PolicyDocument> docs = before.identityPoliciesOf(ROLE_ARN);
    assertThat(docs).extracting(PolicyDocument::source).containsExactly("role/r/inline", arn);

    iam.users().createUser(A, Users.CreateUserRequest.named("someone-else"));
    IamSnapshot after = snapshots.current(A);
    assertThat(after.generation()).isGreaterThan(before.generation());
    assertThat(after.user("someone-else")).isPresent();
    List<PolicyDocument> again = after.identityPoliciesOf(ROLE_ARN);
    assertThat(again.get(0)).isSameAs(docs.get(0));
    assertThat(again.get(1)).isSameAs(docs.get(1));

    // A new default version is new text: compiled again, and the snapshot uses it.
    String v2 = DOC.replace("GetObject", "PutObject");
    iam.managedPolicies().createPolicyVersion(A, arn, v2, true);
    IamSnapshot changed = snapshots.current(A);
    PolicyDocument managed = changed.identityPoliciesOf(ROLE_ARN).get(1);
    assertThat(managed).isNotSameAs(docs.get(1));
    assertThat(managed.json()).isEqualTo(v2);
    assertThat(changed.identityPoliciesOf(ROLE_ARN).get(0)).isSameAs(docs.get(0));
  }

  @Test
  void withTheCacheDisabledEveryRebuildCompilesAgain() {
    Snapshots uncached =
        new Snapshots(store, ManagedPolicyCatalogue.bundled(), CompiledPolicies.disabled());
    IamServices services = SnapshotsTest.services(store, uncached).build();
    services.roles().createRole(A, Roles.CreateRoleRequest.of("r", TRUST));
    services.inlinePolicies().put(A, dev.gatehouse.core.domain.EntityKind.ROLE, "r", "x", DOC);
    PolicyDocument first = uncached.current(A).identityPoliciesOf(ROLE_ARN).get(0);
    // A change not classified (a group) rebuilds from the whole account.
    services.groups().createGroup(A, "g", "/");
    PolicyDocument second = uncached.current(A).identityPoliciesOf(ROLE_ARN).get(0);
    assertThat(second).isNotSameAs(first);
    assertThat(second.compiled()).isNotSameAs(first.compiled());
    assertThat(second.json()).isEqualTo(first.json());
  }

  @Test
  void requestsWaitingForARebuildShareIt() throws Exception {
    iam.users().createUser(A, Users.CreateUserRequest.named("u"));
    long rebuildsBefore = snapshots.rebuilds();
    CountDownLatch held = new CountDownLatch(1);
    store.gate = held;
    int waiters = 8;
    ExecutorService pool = Executors.newFixedThreadPool(waiters + 1);
    try {
      // The first request starts the rebuild and is held in its store read.
      Future<IamSnapshot> first = pool.submit(() -> snapshots.current(A));
      awaitHeldReads(1);
      // A write commits meanwhile: the snapshot being built may not have it.
      iam.users().createUser(A, Users.CreateUserRequest.named("during"));
      List<Future<IamSnapshot>> later = new ArrayList<>();
      for (int i = 0; i < waiters; i++) {
        later.add(pool.submit(() -> snapshots.current(A)));
      }
      awaitBlocked(waiters);
      // Opening the gate lets the first rebuild finish, and then exactly one more runs.
      store.gate = new CountDownLatch(0);
      held.countDown();
      IamSnapshot one = first.get(30, TimeUnit.SECONDS);
      assertThat(one.user("u")).isPresent();
      IamSnapshot shared = later.get(0).get(30, TimeUnit.SECONDS);
      for (Future<IamSnapshot> f : later) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isSameAs(shared);
      }
      assertThat(shared.user("during")).isPresent();
      assertThat(snapshots.current(A)).isSameAs(shared);
      // One rebuild for the first request, one for all the requests that came after the write.
      assertThat(snapshots.rebuilds() - rebuildsBefore).isEqualTo(2);
      assertThat(store.heldReads.get()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentRequestsForAStaleSnapshotCauseOneRebuild() throws Exception {
    iam.users().createUser(A, Users.CreateUserRequest.named("u"));
    long rebuildsBefore = snapshots.rebuilds();
    store.gate = new CountDownLatch(1);
    int requests = 6;
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    try {
      List<Future<IamSnapshot>> all = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        all.add(pool.submit(() -> snapshots.current(A)));
      }
      awaitHeldReads(1);
      awaitBlocked(requests - 1);
      store.gate.countDown();
      IamSnapshot one = all.get(0).get(30, TimeUnit.SECONDS);
      for (Future<IamSnapshot> f : all) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isSameAs(one);
      }
      assertThat(one.user("u")).isPresent();
      assertThat(snapshots.rebuilds() - rebuildsBefore).isEqualTo(1);
      assertThat(store.heldReads.get()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void recordingALastUseKeepsTheGenerationAndARealWriteDoesNot() {
    roleWithPolicy();
    IamSnapshot before = snapshots.current(A);
    assertThat(snapshots.role(A, "r").orElseThrow().lastUsed()).isEmpty();

    iam.roles().recordRoleUse(A, "r", "eu-west-1");
    IamSnapshot used = snapshots.current(A);
    assertThat(used.generation()).isEqualTo(before.generation());
    assertThat(used.lastUseGeneration()).isGreaterThan(before.lastUseGeneration());
    String roleId = used.role("r").orElseThrow().id();
    assertThat(used.roleLastUsed(roleId)).map(u -> u.region()).contains("eu-west-1");
    assertThat(snapshots.role(A, "r").orElseThrow().lastUsed()).isPresent();
    // Nothing else was rebuilt: the principals' entries are the same objects.
    assertThat(used.identityPoliciesOf(ROLE_ARN)).isSameAs(before.identityPoliciesOf(ROLE_ARN));

    iam.roles().tagRole(A, "r", List.of(new Tag("k", "v")));
    IamSnapshot tagged = snapshots.current(A);
    assertThat(tagged.generation()).isGreaterThan(before.generation());
    assertThat(tagged.principalTags(ROLE_ARN)).containsExactly(new Tag("k", "v"));
    assertThat(tagged.roleLastUsed(roleId)).isPresent();
  }

  @Test
  void aListenerThatKeepsNoLastUsesHearsThemAsChanges() {
    List<String> heard = new ArrayList<>();
    IamChangeListener plain = heard::add;
    plain.lastUseRecorded(A, "AROAEXAMPLE");
    assertThat(heard).containsExactly(A);
  }

  private void awaitHeldReads(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (store.heldReads.get() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no rebuild reached the store");
      }
      Thread.sleep(5);
    }
  }

  /** Waits until {@code n} threads are blocked waiting for the account's rebuild to end. */
  private static void awaitBlocked(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (blocked() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + blocked() + " of " + n + " requests are waiting");
      }
      Thread.sleep(5);
    }
  }

  private static long blocked() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getState() == Thread.State.BLOCKED)
        .filter(
            e ->
                java.util.Arrays.stream(e.getValue())
                    .anyMatch(f -> f.getClassName().equals(Snapshots.class.getName())))
        .count();
  }
}
