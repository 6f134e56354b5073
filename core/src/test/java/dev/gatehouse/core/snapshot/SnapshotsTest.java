package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.Change;
import dev.gatehouse.core.iam.EnginePolicyValidator;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.ManagedPolicies;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotsTest {
  static final String A = "123456789012";
  static final String DOC =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
          + "\"Resource\":\"*\"}]}";
  static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
          + "{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String RO = "arn:aws:iam::aws:policy/ReadOnlyAccess";

  private final Store store = new MemoryStore();
  private final Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
  private final IamServices iam;

  /** IAM services over a memory store whose writes the snapshot registry hears of. */
  private void createAccount(String id) {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(id, Clock.systemUTC().instant()));
          return null;
        });
  }

  static IamServices.Builder services(Store store, Snapshots snapshots) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return IamServices.builder(
        store,
        Clock.systemUTC(),
        Ids.secure(),
        KeyRing.of(List.of(key), new SecureRandom()),
        new EnginePolicyValidator(),
        ManagedPolicyCatalogue.bundled(),
        snapshots);
  }

  SnapshotsTest() {
    iam = services(store, snapshots).build();
    createAccount(A);
  }

  @Test
  void readsAreInMemoryOnlyWhileTheSnapshotIsCurrent() {
    assertThat(snapshots.inMemory(A)).isFalse(); // nothing built
    assertThat(snapshots.allInMemory()).isFalse(); // the accounts not listed
    snapshots.current(A);
    assertThat(snapshots.inMemory(A)).isTrue();
    assertThat(snapshots.allInMemory()).isTrue(); // listed by the first build
    iam.users().createUser(A, new Users.CreateUserRequest("bob", "", "", List.of()));
    assertThat(snapshots.inMemory(A)).isFalse();
    assertThat(snapshots.allInMemory()).isFalse();
    snapshots.current(A);
    assertThat(snapshots.inMemory(A)).isTrue();
    assertThat(snapshots.inMemory("210987654321")).isFalse();
    snapshots.everythingChanged();
    assertThat(snapshots.inMemory(A)).isFalse();
  }

  @Test
  void anAccountNotYetBuiltKeepsPrincipalLookupsOffMemory() {
    String other = "210987654321";
    createAccount(other);
    snapshots.current(A);
    assertThat(snapshots.inMemory(A)).isTrue();
    assertThat(snapshots.allInMemory()).isFalse();
    snapshots.current(other);
    assertThat(snapshots.allInMemory()).isTrue();
  }

  @Test
  void everyAccountIsWalkedOnlyAfterAChangeAndNeverReportedCurrentWhileOneIsStale() {
    String other = "210987654321";
    createAccount(other);
    snapshots.current(A);
    snapshots.current(other);
    assertThat(snapshots.allInMemory()).isTrue();
    long walks = snapshots.walks();
    for (int i = 0; i < 100; i++) {
      assertThat(snapshots.allInMemory()).isTrue();
    }
    assertThat(snapshots.walks()).isEqualTo(walks); // nothing changed: no walk

    // Each event that leaves one account stale is seen by the next answer.
    snapshots.committed(other);
    assertThat(snapshots.allInMemory()).isFalse();
    assertThat(snapshots.allInMemory()).isFalse();
    snapshots.current(other);
    assertThat(snapshots.allInMemory()).isTrue();
    snapshots.committed(A, Change.user("bob"));
    assertThat(snapshots.allInMemory()).isFalse();
    snapshots.current(A);
    assertThat(snapshots.allInMemory()).isTrue();
    snapshots.lastUseRecorded(other, "AROAEXAMPLEROLE000001");
    assertThat(snapshots.allInMemory()).isFalse();
    snapshots.current(other);
    assertThat(snapshots.allInMemory()).isTrue();
    snapshots.committed("333333333333"); // an account not yet listed
    assertThat(snapshots.allInMemory()).isFalse();
    snapshots.current(A); // the build re-reads the account list
    assertThat(snapshots.allInMemory()).isFalse(); // the new account has no snapshot yet
    snapshots.current("333333333333");
    assertThat(snapshots.allInMemory()).isTrue();
    snapshots.everythingChanged();
    assertThat(snapshots.allInMemory()).isFalse();
  }

  @Test
  void aWriteIsVisibleInTheNextSnapshotAndUnchangedStateIsReused() {
    IamSnapshot empty = snapshots.current(A);
    assertThat(empty.user("alice")).isEmpty();
    assertThat(snapshots.current(A)).isSameAs(empty);

    var alice =
        iam.users()
            .createUser(
                A,
                new Users.CreateUserRequest("alice", "/eng/", RO, List.of(new Tag("team", "x"))));
    IamSnapshot s = snapshots.current(A);
    assertThat(s).isNotSameAs(empty);
    assertThat(s.generation()).isGreaterThan(empty.generation());
    assertThat(s.user("ALICE")).contains(alice);
    assertThat(s.knows(alice.arn())).isTrue();
    assertThat(s.principalTags(alice.arn())).containsExactly(new Tag("team", "x"));
    assertThat(s.boundaryOf(alice.arn()).orElseThrow().source()).isEqualTo(RO);
    assertThat(s.accountId()).isEqualTo(A);
  }

  @Test
  void identityPoliciesIncludeInlineAttachedAndGroupPoliciesCompiled() {
    iam.users().createUser(A, Users.CreateUserRequest.named("u"));
    iam.groups().createGroup(A, "g", "");
    iam.groups().addUserToGroup(A, "g", "u");
    iam.inlinePolicies().put(A, EntityKind.USER, "u", "own", DOC);
    iam.inlinePolicies().put(A, EntityKind.GROUP, "g", "shared", DOC);
    var p = iam.managedPolicies().createPolicy(A, ManagedPolicies.CreatePolicyRequest.of("p", DOC));
    String v2 = DOC.replace("GetObject", "PutObject");
    iam.managedPolicies().createPolicyVersion(A, p.arn(), v2, true);
    iam.attachments().attachUserPolicy(A, "u", p.arn());
    iam.attachments().attachGroupPolicy(A, "g", RO);
    iam.roles().createRole(A, Roles.CreateRoleRequest.of("r", TRUST));
    iam.attachments().attachRolePolicy(A, "r", RO);

    IamSnapshot s = snapshots.current(A);
    String userArn = "arn:aws:iam::123456789012:user/u";
    List<PolicyDocument> docs = s.identityPoliciesOf(userArn);
    assertThat(docs)
        .extracting(PolicyDocument::source)
        .containsExactly("user/u/own", p.arn(), "group/g/shared", RO);
    // The managed policy is at its default version, and compiled.
    assertThat(docs.get(1).json()).isEqualTo(v2);
    assertThat(docs.get(1).compiled().name()).isEqualTo(p.arn());
    assertThat(s.boundaryOf(userArn)).isEmpty();
    assertThat(s.identityPoliciesOf("arn:aws:iam::123456789012:role/r"))
        .extracting(PolicyDocument::source)
        .containsExactly(RO);
    assertThat(s.trustPolicyOf("R")).contains(TRUST);
    assertThat(s.role("r")).isPresent();
    assertThat(s.group("G")).isPresent();
    assertThat(s.identityPoliciesOf("arn:aws:iam::123456789012:user/nobody")).isEmpty();
    assertThat(s.principalTags("arn:aws:iam::123456789012:user/nobody")).isEmpty();
    assertThat(s.boundaryOf("arn:aws:iam::123456789012:user/nobody")).isEmpty();
  }

  @Test
  void aBoundaryNamingAMissingPolicyAllowsNothing() {
    var u =
        new dev.gatehouse.core.domain.User(
            A,
            "u",
            Ids.secure().userId(),
            "/",
            java.time.Instant.EPOCH,
            "arn:aws:iam::123456789012:policy/gone");
    store.write(
        tx -> {
          tx.users().createUser(u);
          return null;
        });
    snapshots.committed(A);
    PolicyDocument b = snapshots.current(A).boundaryOf(u.arn()).orElseThrow();
    assertThat(b.source()).isEqualTo("arn:aws:iam::123456789012:policy/gone (missing)");
    assertThat(b.json()).isEqualTo(SnapshotBuilder.ALLOWS_NOTHING);
  }

  @Test
  void everyAwsManagedPolicyCompiles() {
    for (var p : ManagedPolicyCatalogue.bundled().all()) {
      assertThat(
              SnapshotBuilder.compile(
                  p.document(), dev.gatehouse.policy.PolicyKind.IDENTITY, p.policy().arn()))
          .isNotNull();
    }
  }
}
