package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.ManagedPolicies;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential: after random service-level writes, the snapshot this node maintains by applying
 * each write's change equals, in everything it shows, a rebuild of the account from the store.
 */
class SnapshotDeltaTest {
  static final String A = SnapshotsTest.A;
  static final String TRUST = SnapshotsTest.TRUST;
  static final String RO = SnapshotsTest.RO;
  static final List<EntityKind> KINDS = List.of(EntityKind.USER, EntityKind.GROUP, EntityKind.ROLE);
  static final String[] NAMES = {"a", "b", "c", "d"};

  private final Store store = new MemoryStore();
  private final Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
  private final IamServices iam = SnapshotsTest.services(store, snapshots).build();

  SnapshotDeltaTest() {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(A, Clock.systemUTC().instant()));
          return null;
        });
  }

  static String doc(String action) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\""
        + action
        + "\",\"Resource\":\"*\"}]}";
  }

  static String policyArn(String name) {
    return "arn:aws:iam::" + A + ":policy/p" + name;
  }

  /** Everything a snapshot shows, in a form that compares by value. */
  static Map<String, Object> content(IamSnapshot s) {
    Map<String, Object> c = new TreeMap<>();
    c.put("users", new TreeMap<>(s.usersByName()));
    c.put("roles", new TreeMap<>(s.rolesByName()));
    c.put("groups", new TreeMap<>(s.groupsByName()));
    Map<String, Object> principals = new TreeMap<>();
    s.byArn()
        .forEach(
            (arn, e) ->
                principals.put(
                    arn,
                    List.of(
                        e.identityPolicies().stream()
                            .map(d -> d.source() + " " + d.json())
                            .toList(),
                        e.boundary().map(d -> d.source() + " " + d.json()).orElse("-"),
                        e.tags())));
    c.put("principals", principals);
    Map<String, Object> ids = new TreeMap<>();
    s.usersByName().values().forEach(u -> ids.put(u.id(), s.principalArn(u.id()).orElseThrow()));
    s.rolesByName().values().forEach(r -> ids.put(r.id(), s.principalArn(r.id()).orElseThrow()));
    c.put("ids", ids);
    c.put("profiles", new TreeMap<>(s.instanceProfilesByName()));
    // In the snapshot's own order: ListPolicies pages through it as it is.
    c.put("customer", new ArrayList<>(s.customerPolicies()));
    c.put("counts", new TreeMap<>(s.attachmentCounts()));
    c.put("lastUsed", new TreeMap<>(s.listings().rolesLastUsed()));
    c.put("index", new TreeMap<>(s.policyIndex().asMap()));
    // In the snapshot's own order: ListUsers and ListRoles page through them as they are.
    c.put("userListing", new ArrayList<>(s.users()));
    c.put("roleListing", new ArrayList<>(s.roles()));
    c.put("groupEntries", new TreeMap<>(s.listings().groups()));
    c.put("memberOf", new TreeMap<>(s.listings().memberOf()));
    return c;
  }

  /** A rebuild from the store alone, by a node that heard of no change. */
  private IamSnapshot rebuilt() {
    return new Snapshots(
            store, ManagedPolicyCatalogue.bundled(), CompiledPolicies.disabled(), false)
        .current(A);
  }

  private void randomWrite(Random random) {
    randomWrite(iam, random);
  }

  /** One write of a random kind to random entities of account A (the rules may refuse it). */
  static void randomWrite(IamServices iam, Random random) {
    String n = NAMES[random.nextInt(NAMES.length)];
    String m = NAMES[random.nextInt(NAMES.length)];
    String arn = random.nextInt(5) == 0 ? RO : policyArn(m);
    EntityKind kind = KINDS.get(random.nextInt(KINDS.size()));
    String entity = (kind == EntityKind.USER ? "u" : kind == EntityKind.GROUP ? "g" : "r") + n;
    switch (random.nextInt(24)) {
      case 0 -> iam.users().createUser(A, new Users.CreateUserRequest("u" + n, "/", "", List.of()));
      case 1 -> iam.users().deleteUser(A, "u" + n);
      case 2 -> iam.groups().createGroup(A, "g" + n, "/");
      case 3 -> iam.groups().deleteGroup(A, "g" + n);
      case 4 -> iam.groups().addUserToGroup(A, "g" + n, "u" + m);
      case 5 -> iam.groups().removeUserFromGroup(A, "g" + n, "u" + m);
      case 6, 7 ->
          iam.roles()
              .createRole(
                  A,
                  new Roles.CreateRoleRequest(
                      "r" + n,
                      "/",
                      TRUST,
                      "",
                      0,
                      random.nextBoolean() ? "" : arn,
                      List.of(new Tag("k", n))));
      case 8 -> iam.roles().deleteRole(A, "r" + n);
      case 9 -> iam.roles().updateRoleDescription(A, "r" + n, "d" + m);
      case 10, 11 ->
          iam.managedPolicies()
              .createPolicy(A, ManagedPolicies.CreatePolicyRequest.of("p" + n, doc("s3:Get" + m)));
      case 12 -> iam.managedPolicies().deletePolicy(A, policyArn(n));
      case 13 ->
          iam.managedPolicies()
              .createPolicyVersion(A, policyArn(n), doc("sqs:Send" + m), random.nextBoolean());
      case 14 ->
          iam.managedPolicies().deletePolicyVersion(A, policyArn(n), "v" + (1 + random.nextInt(3)));
      case 15 ->
          iam.managedPolicies()
              .setDefaultPolicyVersion(A, policyArn(n), "v" + (1 + random.nextInt(3)));
      case 16, 17 -> iam.attachments().attach(A, kind, entity, arn);
      case 18 -> iam.attachments().detach(A, kind, entity, arn);
      case 19 -> iam.inlinePolicies().put(A, kind, entity, "i" + m, doc("ec2:Describe" + n));
      case 20 -> iam.inlinePolicies().delete(A, kind, entity, "i" + m);
      case 21 -> {
        if (random.nextBoolean()) {
          iam.roles().tagRole(A, "r" + n, List.of(new Tag("t" + m, "v")));
        } else {
          iam.users().tagUser(A, "u" + n, List.of(new Tag("t" + m, "v")));
        }
      }
      case 22 -> {
        if (random.nextBoolean()) {
          iam.roles().putRolePermissionsBoundary(A, "r" + n, arn);
        } else {
          iam.users().putUserPermissionsBoundary(A, "u" + n, arn);
        }
      }
      default -> {
        if (random.nextBoolean()) {
          iam.roles().deleteRolePermissionsBoundary(A, "r" + n);
        } else {
          iam.roles().recordRoleUse(A, "r" + n, "eu-west-1");
        }
      }
    }
  }

  /** The same over sequences jqwik draws: their seed, their length, how often they are read. */
  @Property(tries = 12)
  void anySequenceOfWritesKeepsTheMaintainedSnapshotEqualToARebuild(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 120) int writes,
      @ForAll @IntRange(min = 1, max = 4) int readEvery) {
    SnapshotDeltaTest fresh = new SnapshotDeltaTest();
    Random random = new Random(seed);
    for (int i = 0; i < writes; i++) {
      try {
        fresh.randomWrite(random);
      } catch (GatehouseException e) {
        // refused by the rules: nothing changed, which the snapshot must also show
      }
      if (i % readEvery == 0) {
        assertThat(content(fresh.snapshots.current(A)))
            .as("seed %d, write %d", seed, i)
            .isEqualTo(content(fresh.rebuilt()));
      }
    }
    assertThat(content(fresh.snapshots.current(A))).isEqualTo(content(fresh.rebuilt()));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void afterRandomWritesTheMaintainedSnapshotEqualsARebuild(long seed) {
    Random random = new Random(seed);
    int refused = 0;
    for (int i = 0; i < 300; i++) {
      try {
        randomWrite(random);
      } catch (GatehouseException e) {
        refused++;
      }
      // Sometimes several writes are applied at once.
      if (random.nextInt(3) != 0) {
        assertThat(content(snapshots.current(A)))
            .as("seed %d, write %d", seed, i)
            .isEqualTo(content(rebuilt()));
      }
    }
    assertThat(content(snapshots.current(A))).isEqualTo(content(rebuilt()));
    // The sequence exercised both paths, and writes that the rules refuse.
    assertThat(snapshots.deltas()).isPositive();
    assertThat(snapshots.rebuilds() - snapshots.deltas()).isPositive();
    assertThat(refused).isPositive();
  }

  @Test
  void aTerraformLikeRunAppliesEveryWriteWithoutReadingTheAccount() {
    snapshots.current(A);
    long before = snapshots.rebuilds();
    for (int i = 0; i < 20; i++) {
      ManagedPolicy p =
          iam.managedPolicies()
              .createPolicy(A, ManagedPolicies.CreatePolicyRequest.of("p" + i, doc("s3:Get" + i)));
      snapshots.current(A);
      iam.roles().createRole(A, Roles.CreateRoleRequest.of("r" + i, TRUST));
      snapshots.current(A);
      iam.attachments().attachRolePolicy(A, "r" + i, p.arn());
      IamSnapshot s = snapshots.current(A);
      String role = s.role("r" + i).orElseThrow().arn();
      assertThat(s.identityPoliciesOf(role))
          .extracting(PolicyDocument::source)
          .containsExactly(p.arn());
      assertThat(s.attachmentCounts()).containsEntry(p.arn(), 1);
    }
    assertThat(snapshots.rebuilds() - before).isEqualTo(60);
    assertThat(snapshots.deltas()).isEqualTo(60);
    assertThat(content(snapshots.current(A))).isEqualTo(content(rebuilt()));
  }

  @Test
  void aPolicysNewVersionReachesItsUsersGroupsAndBoundariesAsADelta() {
    ManagedPolicy p =
        iam.managedPolicies()
            .createPolicy(A, ManagedPolicies.CreatePolicyRequest.of("pa", doc("s3:Get")));
    iam.users().createUser(A, new Users.CreateUserRequest("ua", "/", "", List.of()));
    iam.users().createUser(A, new Users.CreateUserRequest("ub", "/", "", List.of()));
    iam.users().createUser(A, new Users.CreateUserRequest("uc", "/", p.arn(), List.of()));
    iam.users().createUser(A, new Users.CreateUserRequest("ud", "/", "", List.of()));
    iam.groups().createGroup(A, "ga", "/");
    iam.groups().addUserToGroup(A, "ga", "ub");
    iam.attachments().attachUserPolicy(A, "ua", p.arn());
    iam.attachments().attach(A, EntityKind.GROUP, "ga", p.arn());
    IamSnapshot before = snapshots.current(A);
    assertThat(before.policyIndex().asMap().get(p.arn()))
        .containsExactlyInAnyOrder(
            before.user("ua").orElseThrow().arn(),
            before.user("ub").orElseThrow().arn(),
            before.user("uc").orElseThrow().arn());
    long deltas = snapshots.deltas();
    iam.managedPolicies().createPolicyVersion(A, p.arn(), doc("s3:Put"), true);
    IamSnapshot s = snapshots.current(A);
    assertThat(snapshots.deltas()).isEqualTo(deltas + 1);
    for (String user : List.of("ua", "ub")) {
      assertThat(s.identityPoliciesOf(s.user(user).orElseThrow().arn()))
          .extracting(PolicyDocument::json)
          .as(user)
          .containsExactly(doc("s3:Put"));
    }
    assertThat(s.boundaryOf(s.user("uc").orElseThrow().arn()).orElseThrow().json())
        .isEqualTo(doc("s3:Put"));
    // A principal that does not name the policy keeps its entry, the very same object.
    String ud = s.user("ud").orElseThrow().arn();
    assertThat(s.byArn().get(ud)).isSameAs(before.byArn().get(ud));
    assertThat(content(s)).isEqualTo(content(rebuilt()));
  }

  @Test
  void aChangeReportedWithoutItsKindIsReadFromTheWholeAccount() {
    snapshots.current(A);
    long deltas = snapshots.deltas();
    // Another node's change, through the change feed.
    iam.roles().createRole(A, Roles.CreateRoleRequest.of("ra", TRUST));
    snapshots.committed(A);
    assertThat(snapshots.current(A).role("ra")).isPresent();
    assertThat(snapshots.deltas()).isEqualTo(deltas);
  }
}
