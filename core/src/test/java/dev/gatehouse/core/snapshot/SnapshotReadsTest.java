package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.EntityReads;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.ManagedPolicies;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * GetUser, GetRole and ListPolicies served from the snapshot: after every kind of write to a user,
 * role or policy, the very next read answers what the store answers (read-your-writes), although
 * the read before the write had cached the older snapshot.
 */
class SnapshotReadsTest {
  static final String A = "123456789012";
  static final String B = "210987654321";
  static final String TRUST = SnapshotsTest.TRUST;
  static final String OTHER_TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String RO = SnapshotsTest.RO;

  private final Store store = new MemoryStore();
  private final Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
  private final EntityReads fromStore = EntityReads.of(store);
  private final IamServices iam;

  SnapshotReadsTest() {
    iam = SnapshotsTest.services(store, snapshots).reads(snapshots).build();
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(A, Clock.systemUTC().instant()));
          tx.accounts().createAccount(new Account(B, Clock.systemUTC().instant()));
          return null;
        });
  }

  /** Reads both ways under several spellings of the name; both must agree. */
  private void sameAnswers(String... names) {
    for (String name : names) {
      for (String spelling : List.of(name, name.toUpperCase(java.util.Locale.ROOT))) {
        assertThat(snapshots.user(A, spelling)).isEqualTo(fromStore.user(A, spelling));
        assertThat(snapshots.role(A, spelling)).isEqualTo(fromStore.role(A, spelling));
        assertThat(snapshots.user(B, spelling)).isEqualTo(fromStore.user(B, spelling));
        assertThat(snapshots.role(B, spelling)).isEqualTo(fromStore.role(B, spelling));
      }
    }
  }

  @Test
  void everyUserWriteIsSeenByTheNextRead() {
    Map<String, Consumer<Users>> writes = new LinkedHashMap<>();
    writes.put(
        "create",
        u ->
            u.createUser(
                A,
                new Users.CreateUserRequest("alice", "/eng/", "", List.of(new Tag("team", "x")))));
    writes.put("tag", u -> u.tagUser(A, "alice", List.of(new Tag("cost", "1"))));
    writes.put("retag", u -> u.tagUser(A, "alice", List.of(new Tag("team", "y"))));
    writes.put("untag", u -> u.untagUser(A, "alice", List.of("cost")));
    writes.put("boundary", u -> u.putUserPermissionsBoundary(A, "alice", RO));
    writes.put("no boundary", u -> u.deleteUserPermissionsBoundary(A, "alice"));
    writes.put("move", u -> u.updateUser(A, "alice", "", "/ops/"));
    writes.put("rename", u -> u.updateUser(A, "alice", "alicia", ""));
    writes.put("delete", u -> u.deleteUser(A, "alicia"));
    writes.put("recreate", u -> u.createUser(A, Users.CreateUserRequest.named("alice")));
    for (Map.Entry<String, Consumer<Users>> write : writes.entrySet()) {
      sameAnswers("alice", "alicia");
      write.getValue().accept(iam.users());
      sameAnswers("alice", "alicia");
    }
    assertThat(snapshots.user(A, "ALICE").orElseThrow().user().path()).isEqualTo("/");
    assertThat(snapshots.user(A, "alicia")).isEmpty();
    assertThat(iam.users().getUser(A, "Alice")).isEqualTo(fromStore.user(A, "alice").get());
  }

  @Test
  void everyRoleWriteIsSeenByTheNextRead() {
    Map<String, Consumer<Roles>> writes = new LinkedHashMap<>();
    writes.put(
        "create",
        r ->
            r.createRole(
                A,
                new Roles.CreateRoleRequest(
                    "deployer", "/ci/", TRUST, "deploys", 3600, "", List.of(new Tag("a", "1")))));
    writes.put("describe", r -> r.updateRoleDescription(A, "deployer", "ships"));
    writes.put("session", r -> r.updateRole(A, "deployer", false, "", 7200));
    writes.put("trust", r -> r.updateAssumeRolePolicy(A, "deployer", OTHER_TRUST));
    writes.put("tag", r -> r.tagRole(A, "deployer", List.of(new Tag("b", "2"))));
    writes.put("untag", r -> r.untagRole(A, "deployer", List.of("a")));
    writes.put("boundary", r -> r.putRolePermissionsBoundary(A, "deployer", RO));
    writes.put("no boundary", r -> r.deleteRolePermissionsBoundary(A, "deployer"));
    writes.put("delete", r -> r.deleteRole(A, "deployer"));
    writes.put(
        "recreate",
        r ->
            r.createRole(
                A, new Roles.CreateRoleRequest("deployer", "/", TRUST, "", 3600, "", List.of())));
    for (Map.Entry<String, Consumer<Roles>> write : writes.entrySet()) {
      sameAnswers("deployer");
      write.getValue().accept(iam.roles());
      sameAnswers("deployer");
    }
    assertThat(snapshots.role(A, "Deployer").orElseThrow().role().description()).isEmpty();
    assertThat(iam.roles().getRole(A, "DEPLOYER")).isEqualTo(fromStore.role(A, "deployer").get());
  }

  @Test
  void anotherAccountsEntitiesAreNotVisible() {
    iam.users().createUser(B, Users.CreateUserRequest.named("bob"));
    assertThat(snapshots.user(B, "bob")).isPresent();
    assertThat(snapshots.user(A, "bob")).isEmpty();
    sameAnswers("bob");
  }

  @Test
  void everyPolicyWriteIsSeenByTheNextListing() {
    iam.users().createUser(A, Users.CreateUserRequest.named("alice"));
    iam.roles()
        .createRole(
            A, new Roles.CreateRoleRequest("deployer", "/", TRUST, "", 3600, "", List.of()));
    String doc =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";
    String arn = "arn:aws:iam::" + A + ":policy/eng/reader";
    Map<String, Runnable> writes = new LinkedHashMap<>();
    writes.put(
        "create",
        () ->
            iam.managedPolicies()
                .createPolicy(
                    A,
                    new ManagedPolicies.CreatePolicyRequest(
                        "reader", "/eng/", doc, "reads", List.of())));
    writes.put("attach to user", () -> iam.attachments().attachUserPolicy(A, "alice", arn));
    writes.put("attach to role", () -> iam.attachments().attachRolePolicy(A, "deployer", arn));
    writes.put("attach AWS managed", () -> iam.attachments().attachRolePolicy(A, "deployer", RO));
    writes.put("new version", () -> iam.managedPolicies().createPolicyVersion(A, arn, doc, true));
    writes.put("tag", () -> iam.policyTags().tag(A, arn, List.of(new Tag("team", "x"))));
    writes.put("detach", () -> iam.attachments().detachUserPolicy(A, "alice", arn));
    writes.put("delete user", () -> iam.users().deleteUser(A, "alice"));
    writes.put("detach role", () -> iam.attachments().detachRolePolicy(A, "deployer", arn));
    writes.put("drop version", () -> iam.managedPolicies().deletePolicyVersion(A, arn, "v1"));
    writes.put("delete", () -> iam.managedPolicies().deletePolicy(A, arn));
    for (Map.Entry<String, Runnable> write : writes.entrySet()) {
      samePolicies();
      write.getValue().run();
      samePolicies();
    }
    assertThat(snapshots.customerPolicies(A)).isEmpty();
    assertThat(snapshots.attachmentCounts(A)).containsEntry(RO, 1);
  }

  private void samePolicies() {
    for (String account : List.of(A, B)) {
      assertThat(snapshots.customerPolicies(account))
          .isEqualTo(fromStore.customerPolicies(account));
      assertThat(snapshots.attachmentCounts(account))
          .isEqualTo(fromStore.attachmentCounts(account));
    }
  }
}
