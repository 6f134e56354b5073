package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The store contract every adapter passes: extend this class and implement {@link #openStore}.
 * Covers managed policies and versions, attachments, access keys, and limits and uniqueness under
 * concurrent writers (plus, through its superclass, the entities).
 */
public abstract class StoreContract extends StoreContractEntities {

  @Test
  void managedPoliciesStartAtV1AndNamesAreUniqueCaseInsensitively() {
    ManagedPolicy p = createPolicy("ReadOnly");
    ManagedPolicy read = reads().policy(account, p.arn()).orElseThrow();
    assertThat(read).isEqualTo(p);
    assertThat(read.defaultVersionId()).isEqualTo("v1");
    assertThat(reads().policyVersions(account, p.arn()))
        .containsExactly(new PolicyVersion(p.arn(), "v1", DOC, true, T0));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "A policy called readonly already exists. Duplicate names are not allowed.",
        () -> createPolicy("readonly"));
    ManagedPolicy other = createPolicy("Admin");
    assertThat(reads().policies(account)).containsExactly(other, p);
    assertThat(reads().policy(account, policyArn("nope"))).isEmpty();
  }

  @Test
  void policyVersionsAreLimitedNeverReusedAndTheDefaultIsProtected() {
    ManagedPolicy p = createPolicy("p");
    String arn = p.arn();
    for (int i = 2; i <= 5; i++) {
      PolicyVersion v = writes().createPolicyVersion(account, arn, "{\"n\":1}", false, T0, 5);
      assertThat(v.versionId()).isEqualTo("v" + i);
    }
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "A managed policy can have up to 5 versions. Before you create a new version, you must"
            + " delete an existing version.",
        () -> write(tx -> tx.createPolicyVersion(account, arn, "{}", true, T0, 5)));
    assertThat(reads().policyVersions(account, arn)).hasSize(5);

    write(tx -> tx.deletePolicyVersion(account, arn, "v5"));
    PolicyVersion v6 = writes().createPolicyVersion(account, arn, "{\"n\":6}", true, T0, 5);
    assertThat(v6.versionId()).isEqualTo("v6");
    assertThat(v6.isDefault()).isTrue();
    assertThat(reads().policy(account, arn).orElseThrow().defaultVersionId()).isEqualTo("v6");
    assertThat(reads().policyVersion(account, arn, "v1").orElseThrow().isDefault()).isFalse();

    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete the default version of a policy.",
        () -> write(tx -> tx.deletePolicyVersion(account, arn, "v6")));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + arn + " version v5 does not exist or is not attachable.",
        () -> write(tx -> tx.deletePolicyVersion(account, arn, "v5")));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + arn + " version bogus does not exist or is not attachable.",
        () -> write(tx -> tx.setDefaultPolicyVersion(account, arn, "bogus", T0)));
    write(tx -> tx.setDefaultPolicyVersion(account, arn, "v2", T0.plusSeconds(1)));
    ManagedPolicy now = reads().policy(account, arn).orElseThrow();
    assertThat(now.defaultVersionId()).isEqualTo("v2");
    assertThat(now.updateDate()).isEqualTo(T0.plusSeconds(1));
    assertThat(reads().policyVersion(account, arn, "v2").orElseThrow().document())
        .isEqualTo("{\"n\":1}");
  }

  @Test
  void aPolicyIsDeletedOnlyWhenDetachedAndDownToItsDefaultVersion() {
    ManagedPolicy p = createPolicy("p");
    String arn = p.arn();
    User u = createUser("u");
    write(tx -> tx.attachPolicy(account, EntityRef.of(u), arn, 10));
    assertThat(reads().policy(account, arn).orElseThrow().attachmentCount()).isEqualTo(1);
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete a policy attached to entities.",
        () -> write(tx -> tx.deletePolicy(account, arn)));
    write(tx -> tx.detachPolicy(u.id(), arn));
    // Used as a boundary counts as attached.
    write(tx -> tx.updateUser(u.withPermissionsBoundary(arn)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete a policy attached to entities.",
        () -> write(tx -> tx.deletePolicy(account, arn)));
    write(tx -> tx.updateUser(u.withPermissionsBoundary("")));
    Role r = createRole("bounded");
    write(tx -> tx.updateRole(r.withPermissionsBoundary(arn)));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "Cannot delete a policy attached to entities.",
        () -> write(tx -> tx.deletePolicy(account, arn)));
    write(tx -> tx.updateRole(r.withPermissionsBoundary("")));
    write(tx -> tx.createPolicyVersion(account, arn, "{}", false, T0, 5));
    assertFails(
        ErrorCode.DELETE_CONFLICT,
        "This policy has more than one version. Before you delete a policy, you must delete the"
            + " policy's versions. The default version is deleted with the policy.",
        () -> write(tx -> tx.deletePolicy(account, arn)));
    write(tx -> tx.deletePolicyVersion(account, arn, "v2"));
    write(tx -> tx.deletePolicy(account, arn));
    assertThat(reads().policy(account, arn)).isEmpty();
    assertThat(reads().policyVersions(account, arn)).isEmpty();
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + arn + " was not found.",
        () -> write(tx -> tx.deletePolicy(account, arn)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "Policy " + arn + " was not found.",
        () -> write(tx -> tx.createPolicyVersion(account, arn, "{}", false, T0, 5)));
  }

  @Test
  void attachmentsAreIdempotentLimitedAndListedPerPolicy() {
    User u = createUser("u");
    Role r = createRole("r");
    String awsArn = Arns.policy(Arns.AWS_ACCOUNT, "/", "ReadOnlyAccess");
    write(tx -> tx.attachPolicy(account, EntityRef.of(u), awsArn, 2));
    write(tx -> tx.attachPolicy(account, EntityRef.of(u), awsArn, 2));
    write(tx -> tx.attachPolicy(account, EntityRef.of(r), awsArn, 2));
    write(tx -> tx.attachPolicy(account, EntityRef.of(u), policyArn("a"), 2));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for PoliciesPerUser: 2",
        () -> write(tx -> tx.attachPolicy(account, EntityRef.of(u), policyArn("b"), 2)));
    assertThat(reads().attachedPolicies(u.id())).containsExactly(policyArn("a"), awsArn);
    assertThat(reads().entitiesForPolicy(account, awsArn))
        .containsExactly(
            new EntityRef(EntityKind.USER, u.id(), "u"),
            new EntityRef(EntityKind.ROLE, r.id(), "r"));
    assertThat(reads().attachmentCounts(account))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(awsArn, 2, policyArn("a"), 1));
    // Attachments of AWS managed policies are per account.
    String other = newAccount();
    assertThat(reads().entitiesForPolicy(other, awsArn)).isEmpty();
    assertThat(reads().attachmentCounts(other)).isEmpty();
    assertThat(writes().detachPolicy(u.id(), policyArn("zzz"))).isFalse();
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for PoliciesPerRole: 1",
        () -> write(tx -> tx.attachPolicy(account, EntityRef.of(r), policyArn("b"), 1)));
  }

  @Test
  void accessKeysBelongToAUserOrTheRootAndAreLimited() {
    User u = createUser("u");
    AccessKey k1 = key(u);
    AccessKey k2 = key(u);
    write(tx -> tx.createAccessKey(k1, "sealed-1", 2));
    write(tx -> tx.createAccessKey(k2, "sealed-2", 2));
    assertFails(
        ErrorCode.LIMIT_EXCEEDED,
        "Cannot exceed quota for AccessKeysPerUser: 2",
        () -> write(tx -> tx.createAccessKey(key(u), "sealed-3", 2)));
    assertFails(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "The Access Key with id " + k1.accessKeyId() + " already exists.",
        () -> write(tx -> tx.createAccessKey(k1, "again", 5)));
    AccessKey root = rootKey();
    write(tx -> tx.createAccessKey(root, "sealed-root", 2));

    assertThat(reads().accessKey(k1.accessKeyId())).contains(k1);
    assertThat(reads().sealedSecret(k2.accessKeyId())).contains("sealed-2");
    assertThat(reads().accessKeys(account, k1.owner())).containsExactlyInAnyOrder(k1, k2);
    assertThat(reads().accessKeys(account, new AccessKeyOwner.Root())).containsExactly(root);
    assertThat(reads().accessKey("AKIANOTAKEY00000000")).isEmpty();

    write(tx -> tx.updateAccessKeyStatus(k1.accessKeyId(), AccessKeyStatus.INACTIVE));
    assertThat(reads().accessKey(k1.accessKeyId()).orElseThrow().status())
        .isEqualTo(AccessKeyStatus.INACTIVE);
    assertThat(reads().accessKeyLastUsed(k1.accessKeyId())).isEmpty();
    AccessKeyLastUsed used = new AccessKeyLastUsed(T0.plusSeconds(9), "iam", "us-east-1");
    write(tx -> tx.recordAccessKeyUse(k1.accessKeyId(), used));
    assertThat(reads().accessKeyLastUsed(k1.accessKeyId())).contains(used);

    write(tx -> tx.deleteAccessKey(k1.accessKeyId()));
    String missing = k1.accessKeyId();
    String message = "The Access Key with id " + missing + " cannot be found.";
    assertFails(ErrorCode.NO_SUCH_ENTITY, message, () -> write(tx -> tx.deleteAccessKey(missing)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        message,
        () -> write(tx -> tx.updateAccessKeyStatus(missing, AccessKeyStatus.ACTIVE)));
    assertFails(
        ErrorCode.NO_SUCH_ENTITY, message, () -> write(tx -> tx.recordAccessKeyUse(missing, used)));
    AccessKey orphan =
        new AccessKey(
            ids.accessKeyId(),
            account,
            new AccessKeyOwner.IamUser("AIDANOSUCHUSER000000"),
            AccessKeyStatus.ACTIVE,
            T0);
    assertFails(
        ErrorCode.NO_SUCH_ENTITY,
        "The user with id AIDANOSUCHUSER000000 cannot be found.",
        () -> write(tx -> tx.createAccessKey(orphan, "s", 2)));
  }

  @Test
  void racingForTheLastAccessKeyExactlyOneWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      User u = createUser("racer" + round);
      write(tx -> tx.createAccessKey(key(u), "first", 2));
      List<Outcome> outcomes = race(() -> write(tx -> tx.createAccessKey(key(u), "s", 2)));
      assertThat(outcomes).containsOnlyOnce(Outcome.WON);
      assertThat(outcomes.stream().filter(o -> o == Outcome.LIMIT_EXCEEDED)).hasSize(1);
      assertThat(reads().accessKeys(account, key(u).owner())).hasSize(2);
    }
  }

  @Test
  void racingForTheLastPolicyVersionExactlyOneWins() throws Exception {
    ManagedPolicy p = createPolicy("raced");
    for (int i = 0; i < 3; i++) {
      write(tx -> tx.createPolicyVersion(account, p.arn(), "{}", false, T0, 5));
    }
    List<Outcome> outcomes =
        race(() -> write(tx -> tx.createPolicyVersion(account, p.arn(), "{}", false, T0, 5)));
    assertThat(outcomes).containsExactlyInAnyOrder(Outcome.WON, Outcome.LIMIT_EXCEEDED);
    assertThat(reads().policyVersions(account, p.arn())).hasSize(5);
  }

  @Test
  void racingToCreateTheSameNameExactlyOneWins() throws Exception {
    for (int round = 0; round < 5; round++) {
      String name = "Same" + round;
      List<Outcome> outcomes =
          race(() -> createUser(name), () -> createUser(name.toUpperCase(java.util.Locale.ROOT)));
      assertThat(outcomes).containsExactlyInAnyOrder(Outcome.WON, Outcome.ALREADY_EXISTS);
    }
  }

  /** How one racer ended. */
  enum Outcome {
    WON,
    LIMIT_EXCEEDED,
    ALREADY_EXISTS
  }

  private List<Outcome> race(Runnable task) throws Exception {
    return race(task, task);
  }

  /** Starts both tasks at the same instant on two threads and reports how each ended. */
  private List<Outcome> race(Runnable a, Runnable b) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch ready = new CountDownLatch(2);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Outcome>> futures = new ArrayList<>();
      for (Runnable task : List.of(a, b)) {
        Callable<Outcome> racer =
            () -> {
              ready.countDown();
              go.await();
              try {
                task.run();
                return Outcome.WON;
              } catch (GatehouseException e) {
                if (e.code() == ErrorCode.LIMIT_EXCEEDED) {
                  return Outcome.LIMIT_EXCEEDED;
                }
                if (e.code() == ErrorCode.ENTITY_ALREADY_EXISTS) {
                  return Outcome.ALREADY_EXISTS;
                }
                throw e;
              }
            };
        futures.add(pool.submit(racer));
      }
      ready.await();
      go.countDown();
      List<Outcome> out = new ArrayList<>();
      for (Future<Outcome> f : futures) {
        out.add(f.get(60, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void countsAndAccountWideReadsAgreeWithTheReadsPerEntity() {
    User u = createUser("u");
    User lonely = createUser("lonely");
    Group g = createGroup("g");
    Group h = createGroup("h");
    Role r = createRole("r");
    ManagedPolicy p = createPolicy("p");
    createPolicy("q");
    InstanceProfile profile = new InstanceProfile(account, "ip", ids.instanceProfileId(), "/", T0);
    String v2 = DOC.replace("s3:*", "sqs:*");
    write(
        tx -> {
          tx.addUserToGroup(u, h, 10);
          tx.addUserToGroup(u, g, 10);
          tx.putInlinePolicy(new InlinePolicy(u.id(), "b", DOC));
          tx.putInlinePolicy(new InlinePolicy(u.id(), "a", DOC));
          tx.putInlinePolicy(new InlinePolicy(g.id(), "g1", DOC));
          tx.putInlinePolicy(new InlinePolicy(r.id(), "r1", DOC));
          tx.attachPolicy(account, new EntityRef(EntityKind.ROLE, r.id(), "r"), p.arn(), 10);
          tx.attachPolicy(
              account,
              new EntityRef(EntityKind.ROLE, r.id(), "r"),
              "arn:aws:iam::aws:policy/ReadOnlyAccess",
              10);
          tx.attachPolicy(account, new EntityRef(EntityKind.GROUP, g.id(), "g"), p.arn(), 10);
          tx.putTags(u.id(), List.of(new Tag("z", "1"), new Tag("a", "2")), 50);
          tx.putTags(r.id(), List.of(new Tag("team", "x")), 50);
          tx.createInstanceProfile(profile);
          tx.putTags(profile.id(), List.of(new Tag("k", "v")), 50);
          tx.createPolicyVersion(account, p.arn(), v2, true, T0, 5);
        });
    // Another account's rows never show.
    String other = account;
    account = newAccount();
    User stranger = createUser("u");
    write(tx -> tx.putInlinePolicy(new InlinePolicy(stranger.id(), "a", DOC)));
    account = other;

    ReadTransaction tx = reads();
    assertThat(tx.userCount(account)).isEqualTo(2);
    assertThat(tx.groupCount(account)).isEqualTo(2);
    assertThat(tx.roleCount(account)).isEqualTo(1);
    assertThat(tx.policyCount(account)).isEqualTo(2);
    assertThat(tx.inlinePoliciesByOwner(account))
        .containsOnlyKeys(u.id(), g.id(), r.id())
        .containsEntry(u.id(), tx.inlinePolicies(u.id()))
        .containsEntry(g.id(), tx.inlinePolicies(g.id()))
        .containsEntry(r.id(), tx.inlinePolicies(r.id()));
    assertThat(tx.inlinePoliciesByOwner(account).get(u.id()))
        .extracting(InlinePolicy::name)
        .containsExactly("a", "b");
    assertThat(tx.attachedPoliciesByEntity(account))
        .containsOnlyKeys(r.id(), g.id())
        .containsEntry(r.id(), tx.attachedPolicies(r.id()))
        .containsEntry(g.id(), List.of(p.arn()));
    assertThat(tx.attachedPoliciesByEntity(account).get(r.id())).hasSize(2);
    assertThat(tx.tagsByEntity(account))
        .containsOnlyKeys(u.id(), r.id(), profile.id())
        .containsEntry(u.id(), tx.tags(u.id()))
        .containsEntry(r.id(), List.of(new Tag("team", "x")))
        .containsEntry(profile.id(), List.of(new Tag("k", "v")));
    assertThat(tx.groupsByUser(account))
        .containsOnlyKeys(u.id())
        .containsEntry(u.id(), tx.groupsForUser(u.id()));
    assertThat(tx.groupsByUser(account).get(u.id()))
        .extracting(Group::name)
        .containsExactly("g", "h");
    assertThat(tx.groupsByUser(account)).doesNotContainKey(lonely.id());
    assertThat(tx.defaultPolicyDocuments(account))
        .containsOnlyKeys(p.arn(), policyArn("q"))
        .containsEntry(p.arn(), v2)
        .containsEntry(policyArn("q"), DOC);
    // The attachment count of a customer policy is its own account's.
    assertThat(tx.policy(account, p.arn()).orElseThrow().attachmentCount()).isEqualTo(2);
  }
}
