package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.PageRequest;
import dev.gatehouse.core.iam.PolicyScope;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The work a write costs the snapshot does not grow with the account: after a user's or a role's
 * tags, a user's attachments or group memberships change, the next snapshot reads the same number
 * of rows from the store in an account of 200 users as in one of 2,000 (counted, not timed).
 */
class SnapshotScaleTest {
  static final String A = SnapshotsTest.A;

  /** A store that counts the rows its read transactions return (a collection counts its size). */
  static final class CountingStore implements Store {
    final Store inner = new MemoryStore();
    final AtomicLong rows = new AtomicLong();
    final AtomicLong calls = new AtomicLong();

    @Override
    public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
      return inner.read(tx -> work.apply(counting(tx, ReadTransaction.class)));
    }

    @Override
    public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
      return inner.write(work);
    }

    @Override
    public void close() {
      inner.close();
    }

    /** {@code target}, its accessors' results counted where they are the store's reads. */
    @SuppressWarnings("unchecked")
    <T> T counting(T target, Class<T> type) {
      return (T)
          Proxy.newProxyInstance(
              type.getClassLoader(),
              new Class<?>[] {type},
              (proxy, method, args) -> {
                Object result;
                try {
                  result = method.invoke(target, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
                Class<?> returned = method.getReturnType();
                if (type == ReadTransaction.class && returned.isInterface()) {
                  return counting(result, (Class<Object>) returned);
                }
                calls.incrementAndGet();
                rows.addAndGet(
                    result instanceof Collection<?> c
                        ? c.size()
                        : result instanceof Map<?, ?> m
                            ? m.size()
                            : result instanceof Optional<?> o ? (o.isPresent() ? 1 : 0) : 1);
                return result;
              });
    }
  }

  /** An account of {@code n} users in two groups each, n/10 roles and n policies attached. */
  static void fill(Store store, int n) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(A, now));
          ManagedPolicy[] policies = new ManagedPolicy[n];
          for (int i = 0; i < n; i++) {
            policies[i] =
                new ManagedPolicy(A, "p" + i, "ANPA" + id(i), "/", "v1", "", now, now, true, 0);
            tx.policies().createPolicy(policies[i], SnapshotDeltaTest.doc("s3:GetObject" + i));
          }
          Group[] groups = new Group[Math.max(2, n / 10)];
          for (int i = 0; i < groups.length; i++) {
            groups[i] = new Group(A, "g" + i, "AGPA" + id(i), "/", now);
            tx.groups().createGroup(groups[i]);
            tx.policies().attachPolicy(A, EntityRef.of(groups[i]), policies[i % n].arn());
          }
          for (int i = 0; i < n; i++) {
            User u = new User(A, "u" + i, "AIDA" + id(i), "/", now, "");
            tx.users().createUser(u);
            tx.groups().addUserToGroup(u.id(), groups[i % groups.length].id());
            tx.groups().addUserToGroup(u.id(), groups[(i + 1) % groups.length].id());
            tx.policies().attachPolicy(A, EntityRef.of(u), policies[i].arn());
          }
          for (int i = 0; i < Math.max(2, n / 10); i++) {
            Role r =
                new Role(A, "r" + i, "AROA" + id(i), "/", now, "", 3600, SnapshotsTest.TRUST, "");
            tx.roles().createRole(r);
            tx.policies().attachPolicy(A, EntityRef.of(r), policies[i % n].arn());
          }
          return null;
        });
  }

  private static String id(int i) {
    return String.format(Locale.ROOT, "%017d", i);
  }

  /** The rows the next snapshot read after each kind of write, in an account of n users. */
  static List<Long> rowsPerWrite(int n) {
    CountingStore store = new CountingStore();
    fill(store.inner, n);
    Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
    IamServices iam = SnapshotsTest.services(store, snapshots).build();
    snapshots.current(A);
    List<Runnable> writes =
        List.of(
            () -> iam.users().tagUser(A, "u1", List.of(new Tag("team", "a"))),
            () -> iam.users().untagUser(A, "u1", List.of("team")),
            () -> iam.roles().tagRole(A, "r1", List.of(new Tag("team", "a"))),
            () -> iam.attachments().attachUserPolicy(A, "u1", "arn:aws:iam::" + A + ":policy/p0"),
            () -> iam.groups().removeUserFromGroup(A, "g1", "u1"),
            () -> iam.groups().addUserToGroup(A, "g1", "u1"),
            () -> iam.roles().recordRoleUse(A, "r1", "us-east-1"));
    List<Long> rows = new java.util.ArrayList<>();
    long deltasBefore = snapshots.deltas();
    for (Runnable write : writes) {
      write.run();
      long before = store.rows.get();
      snapshots.current(A);
      rows.add(store.rows.get() - before);
    }
    // Every one of them was applied to the previous snapshot (the last one refreshes last uses).
    assertThat(snapshots.deltas() - deltasBefore).isEqualTo(writes.size() - 1);
    return rows;
  }

  @Test
  void aPrincipalsWriteReadsTheSameRowsWhateverTheAccountsSize() {
    List<Long> small = rowsPerWrite(200);
    List<Long> large = rowsPerWrite(2_000);
    assertThat(large).isEqualTo(small);
    assertThat(small).allSatisfy(r -> assertThat(r).isPositive().isLessThan(40));
  }

  /**
   * The rows the snapshot reads to show a role's new last use (an AssumeRole's bookkeeping) in an
   * account of n users whose n/10 roles have all been assumed before: alone, and together with a
   * write the snapshot applies as a delta.
   */
  static List<Long> rowsPerRoleUse(int n) {
    CountingStore store = new CountingStore();
    fill(store.inner, n);
    Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
    IamServices iam = SnapshotsTest.services(store, snapshots).build();
    for (int i = 0; i < Math.max(2, n / 10); i++) {
      iam.roles().recordRoleUse(A, "r" + i, "us-east-1");
    }
    snapshots.current(A);
    List<Long> rows = new java.util.ArrayList<>();
    List<Runnable> writes =
        List.of(
            () -> iam.roles().recordRoleUse(A, "r1", "eu-west-1"),
            () -> {
              iam.roles().recordRoleUse(A, "r2", "eu-west-2");
              iam.users().tagUser(A, "u1", List.of(new Tag("team", "a")));
            });
    for (Runnable write : writes) {
      write.run();
      long before = store.rows.get();
      IamSnapshot s = snapshots.current(A);
      rows.add(store.rows.get() - before);
      assertThat(s.role("r1").flatMap(r -> s.roleLastUsed(r.id())))
          .map(u -> u.region())
          .contains("eu-west-1");
    }
    IamSnapshot s = snapshots.current(A);
    assertThat(s.role("r2").flatMap(r -> s.roleLastUsed(r.id())))
        .map(u -> u.region())
        .contains("eu-west-2");
    assertThat(s.role("r3").flatMap(r -> s.roleLastUsed(r.id())))
        .map(u -> u.region())
        .contains("us-east-1");
    return rows;
  }

  @Test
  void aRolesLastUseReadsThatRoleWhateverTheAccountsSize() {
    List<Long> small = rowsPerRoleUse(200);
    List<Long> large = rowsPerRoleUse(2_000);
    assertThat(large).isEqualTo(small);
    assertThat(small.get(0)).isEqualTo(1);
  }

  /**
   * The rows the next snapshot read after each change to the customer policy p1 in an account of n
   * users: p1 is attached to the user u1, the group g1 (20 members whatever n) and the role r1.
   */
  static List<Long> rowsPerPolicyWrite(int n) {
    CountingStore store = new CountingStore();
    fill(store.inner, n);
    Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
    IamServices iam = SnapshotsTest.services(store, snapshots).build();
    String p1 = "arn:aws:iam::" + A + ":policy/p1";
    snapshots.current(A);
    List<Runnable> writes =
        List.of(
            () ->
                iam.managedPolicies()
                    .createPolicyVersion(A, p1, SnapshotDeltaTest.doc("s3:PutObject"), true),
            () -> iam.managedPolicies().setDefaultPolicyVersion(A, p1, "v1"),
            () -> iam.managedPolicies().deletePolicyVersion(A, p1, "v2"));
    List<Long> rows = new java.util.ArrayList<>();
    long deltasBefore = snapshots.deltas();
    for (Runnable write : writes) {
      write.run();
      long before = store.rows.get();
      snapshots.current(A);
      rows.add(store.rows.get() - before);
    }
    assertThat(snapshots.deltas() - deltasBefore).isEqualTo(writes.size());
    return rows;
  }

  @Test
  void aPolicyChangeReadsThePrincipalsItAppliesToWhateverTheAccountsSize() {
    List<Long> small = rowsPerPolicyWrite(200);
    List<Long> large = rowsPerPolicyWrite(2_000);
    assertThat(large).isEqualTo(small);
    // About 22 principals with their groups' policies: far below the account's 2,000 users.
    assertThat(small).allSatisfy(r -> assertThat(r).isPositive().isLessThan(600));
  }

  /**
   * The rows the next snapshot reads after writes to the user u1 (its tags, its own attachments),
   * who is in a group with the policy p199 attached, when p199 is also attached to {@code others}
   * other users (and to u199): the group's policy is in u1's entry, but u1's writes do not change
   * how many entities it is attached to, so they do not count them.
   */
  static List<Long> rowsPerUserWriteBesideASharedGroupPolicy(int others) {
    CountingStore store = new CountingStore();
    fill(store.inner, 200);
    Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
    IamServices iam = SnapshotsTest.services(store, snapshots).build();
    String shared = "arn:aws:iam::" + A + ":policy/p199";
    iam.groups().createGroup(A, "shared", "/");
    iam.attachments().attach(A, EntityKind.GROUP, "shared", shared);
    iam.groups().addUserToGroup(A, "shared", "u1");
    for (int i = 2; i < 2 + others; i++) {
      iam.attachments().attachUserPolicy(A, "u" + i, shared);
    }
    snapshots.current(A);
    String p0 = "arn:aws:iam::" + A + ":policy/p0";
    List<Runnable> writes =
        List.of(
            () -> iam.users().tagUser(A, "u1", List.of(new Tag("team", "a"))),
            () -> iam.attachments().attachUserPolicy(A, "u1", p0),
            () -> iam.attachments().detachUserPolicy(A, "u1", p0));
    List<Long> rows = new java.util.ArrayList<>();
    for (Runnable write : writes) {
      write.run();
      long before = store.rows.get();
      IamSnapshot s = snapshots.current(A);
      rows.add(store.rows.get() - before);
      assertThat(s.attachmentCounts()).containsEntry(shared, 2 + others);
    }
    return rows;
  }

  @Test
  void aUsersWriteDoesNotCountItsGroupsPolicies() {
    assertThat(rowsPerUserWriteBesideASharedGroupPolicy(150))
        .isEqualTo(rowsPerUserWriteBesideASharedGroupPolicy(10));
  }

  @Test
  void listPoliciesPagesInListingOrderAcrossTheAccountsAndAwsPolicies() {
    CountingStore store = new CountingStore();
    fill(store.inner, 150);
    Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
    IamServices iam = SnapshotsTest.services(store, snapshots).build();
    for (PolicyScope scope : PolicyScope.values()) {
      List<ManagedPolicy> expected =
          new java.util.ArrayList<>(
              scope == PolicyScope.AWS
                  ? List.of()
                  : store.inner.read(tx -> tx.policies().policies(A)));
      if (scope != PolicyScope.LOCAL) {
        ManagedPolicyCatalogue.bundled().all().forEach(p -> expected.add(p.policy()));
      }
      expected.sort(java.util.Comparator.comparing(ManagedPolicy::listingKey));
      List<String> paged = new java.util.ArrayList<>();
      String marker = "";
      do {
        var page =
            iam.managedPolicies().listPolicies(A, scope, false, "/", new PageRequest(marker, 100));
        page.items().forEach(p -> paged.add(p.arn()));
        marker = page.marker().orElse("");
      } while (!marker.isEmpty());
      assertThat(paged)
          .as("%s", scope)
          .containsExactlyElementsOf(expected.stream().map(ManagedPolicy::arn).toList());
    }
    // Only attached policies: the account's 150 are, AWS's are not.
    var attached =
        iam.managedPolicies()
            .listPolicies(A, PolicyScope.ALL, true, "/", new PageRequest("", 1000));
    assertThat(attached.items()).hasSize(150);
    assertThat(attached.isTruncated()).isFalse();
  }
}
