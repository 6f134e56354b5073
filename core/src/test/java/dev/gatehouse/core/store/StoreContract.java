package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * Persistence only (AWS's rules are the core services', tested there on the memory store): managed
 * policies and versions, attachments, access keys, unique keys ({@link StoreConflict}) and the
 * serializability of write transactions under concurrent writers (plus, through its superclass, the
 * entities).
 */
public abstract class StoreContract extends StoreContractEntities {

  @Test
  void managedPoliciesStartAtV1AndAreFoundByArnOrNameCaseInsensitively() {
    ManagedPolicy p = createPolicy("ReadOnly");
    ManagedPolicy read = reads().policies().policy(account, p.arn()).orElseThrow();
    assertThat(read).isEqualTo(p);
    assertThat(read.defaultVersionId()).isEqualTo("v1");
    assertThat(reads().policies().policyVersions(account, p.arn()))
        .containsExactly(new PolicyVersion(p.arn(), "v1", DOC, true, T0));
    assertThat(reads().policies().policyByName(account, "readonly")).contains(p);
    assertThat(reads().policies().policyByName(account, "other")).isEmpty();
    assertThatThrownBy(() -> createPolicy("readonly")).isInstanceOf(StoreConflict.class);
    ManagedPolicy other = createPolicy("Admin");
    assertThat(reads().policies().policies(account)).containsExactly(other, p);
    assertThat(reads().policies().policyCount(account)).isEqualTo(2);
    assertThat(reads().policies().policy(account, policyArn("nope"))).isEmpty();
  }

  @Test
  void policyVersionNumbersAreNeverReusedAndTheDefaultMoves() {
    ManagedPolicy p = createPolicy("p");
    String arn = p.arn();
    for (int i = 2; i <= 5; i++) {
      PolicyVersion v = writes().policies().createPolicyVersion(p, "{\"n\":1}", false, T0);
      assertThat(v.versionId()).isEqualTo("v" + i);
    }
    assertThat(reads().policies().policyVersions(account, arn)).hasSize(5);

    write(tx -> tx.policies().deletePolicyVersion(p, 5));
    PolicyVersion v6 = writes().policies().createPolicyVersion(p, "{\"n\":6}", true, T0);
    assertThat(v6.versionId()).isEqualTo("v6");
    assertThat(v6.isDefault()).isTrue();
    assertThat(reads().policies().policy(account, arn).orElseThrow().defaultVersionId())
        .isEqualTo("v6");
    assertThat(reads().policies().policyVersion(account, arn, "v1").orElseThrow().isDefault())
        .isFalse();
    assertThat(reads().policies().policyVersion(account, arn, "v5")).isEmpty();
    assertThat(reads().policies().policyVersion(account, arn, "bogus")).isEmpty();

    write(tx -> tx.policies().setDefaultPolicyVersion(p, 2, T0.plusSeconds(1)));
    ManagedPolicy now = reads().policies().policy(account, arn).orElseThrow();
    assertThat(now.defaultVersionId()).isEqualTo("v2");
    assertThat(now.updateDate()).isEqualTo(T0.plusSeconds(1));
    assertThat(reads().policies().policyVersion(account, arn, "v2").orElseThrow().document())
        .isEqualTo("{\"n\":1}");
  }

  @Test
  void attachmentsAndBoundariesAreCountedAndAPolicyIsDeletedWithItsVersionsAndTags() {
    ManagedPolicy p = createPolicy("p");
    String arn = p.arn();
    User u = createUser("u");
    write(tx -> tx.policies().attachPolicy(account, EntityRef.of(u), arn));
    assertThat(reads().policies().policy(account, arn).orElseThrow().attachmentCount())
        .isEqualTo(1);
    assertThat(writes().policies().detachPolicy(u.id(), arn)).isTrue();
    assertThat(reads().policies().policy(account, arn).orElseThrow().attachmentCount()).isZero();
    assertThat(reads().policies().boundaryUseCount(arn)).isZero();
    write(tx -> tx.users().updateUser(u.withPermissionsBoundary(arn)));
    Role r = createRole("bounded");
    write(tx -> tx.roles().updateRole(r.withPermissionsBoundary(arn)));
    assertThat(reads().policies().boundaryUseCount(arn)).isEqualTo(2);
    write(tx -> tx.users().updateUser(u.withPermissionsBoundary("")));
    write(tx -> tx.roles().updateRole(r.withPermissionsBoundary("")));
    assertThat(reads().policies().boundaryUseCount(arn)).isZero();

    write(tx -> tx.policies().createPolicyVersion(p, "{}", false, T0));
    write(tx -> tx.tags().putTags(p.id(), List.of(new dev.gatehouse.core.domain.Tag("k", "v"))));
    write(tx -> tx.policies().deletePolicy(p));
    assertThat(reads().policies().policy(account, arn)).isEmpty();
    assertThat(reads().policies().policyVersions(account, arn)).isEmpty();
    assertThat(reads().tags().tags(p.id())).isEmpty();
    // The name is free again.
    createPolicy("p");
  }

  @Test
  void attachmentsAreIdempotentAndListedPerPolicy() {
    User u = createUser("u");
    Role r = createRole("r");
    String awsArn = Arns.policy(Arns.AWS_ACCOUNT, "/", "ReadOnlyAccess");
    assertThat(writes().policies().attachPolicy(account, EntityRef.of(u), awsArn)).isTrue();
    assertThat(writes().policies().attachPolicy(account, EntityRef.of(u), awsArn)).isFalse();
    write(tx -> tx.policies().attachPolicy(account, EntityRef.of(r), awsArn));
    write(tx -> tx.policies().attachPolicy(account, EntityRef.of(u), policyArn("a")));
    assertThat(reads().policies().attachedPolicies(u.id())).containsExactly(policyArn("a"), awsArn);
    assertThat(reads().policies().entitiesForPolicy(account, awsArn))
        .containsExactly(
            new EntityRef(EntityKind.USER, u.id(), "u"),
            new EntityRef(EntityKind.ROLE, r.id(), "r"));
    assertThat(reads().policies().attachmentCounts(account))
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(awsArn, 2, policyArn("a"), 1));
    // Attachments of AWS managed policies are per account.
    String other = newAccount();
    assertThat(reads().policies().entitiesForPolicy(other, awsArn)).isEmpty();
    assertThat(reads().policies().attachmentCounts(other)).isEmpty();
    assertThat(writes().policies().detachPolicy(u.id(), policyArn("zzz"))).isFalse();
  }

  @Test
  void accessKeysBelongToAUserOrTheRoot() {
    User u = createUser("u");
    AccessKey k1 = key(u);
    AccessKey k2 = key(u);
    write(tx -> tx.keys().createAccessKey(k1, "sealed-1"));
    write(tx -> tx.keys().createAccessKey(k2, "sealed-2"));
    assertThatThrownBy(() -> write(tx -> tx.keys().createAccessKey(k1, "again")))
        .isInstanceOf(StoreConflict.class);
    AccessKey root = rootKey();
    write(tx -> tx.keys().createAccessKey(root, "sealed-root"));

    assertThat(reads().keys().accessKey(k1.accessKeyId())).contains(k1);
    assertThat(reads().keys().sealedSecret(k2.accessKeyId())).contains("sealed-2");
    assertThat(reads().keys().accessKeys(account, k1.owner())).containsExactlyInAnyOrder(k1, k2);
    assertThat(reads().keys().accessKeys(account, new AccessKeyOwner.Root())).containsExactly(root);
    assertThat(reads().keys().accessKey("AKIANOTAKEY00000000")).isEmpty();

    assertThat(writes().keys().updateAccessKeyStatus(k1.accessKeyId(), AccessKeyStatus.INACTIVE))
        .isTrue();
    assertThat(reads().keys().accessKey(k1.accessKeyId()).orElseThrow().status())
        .isEqualTo(AccessKeyStatus.INACTIVE);
    assertThat(reads().keys().accessKeyLastUsed(k1.accessKeyId())).isEmpty();
    AccessKeyLastUsed used = new AccessKeyLastUsed(T0.plusSeconds(9), "iam", "us-east-1");
    assertThat(writes().keys().recordAccessKeyUse(k1.accessKeyId(), used)).isTrue();
    assertThat(reads().keys().accessKeyLastUsed(k1.accessKeyId())).contains(used);

    assertThat(writes().keys().deleteAccessKey(k1.accessKeyId())).isTrue();
    String missing = k1.accessKeyId();
    assertThat(writes().keys().deleteAccessKey(missing)).isFalse();
    assertThat(writes().keys().updateAccessKeyStatus(missing, AccessKeyStatus.ACTIVE)).isFalse();
    assertThat(writes().keys().recordAccessKeyUse(missing, used)).isFalse();
    assertThat(reads().keys().accessKey(missing)).isEmpty();
  }

  /** A count-then-insert quota check, as the services make it, inside the write it guards. */
  private void createKeyWithinTwo(User u) {
    write(
        tx -> {
          if (tx.keys().accessKeys(account, new AccessKeyOwner.IamUser(u.id())).size() >= 2) {
            throw GatehouseException.limitExceeded("full");
          }
          tx.keys().createAccessKey(key(u), "s");
        });
  }

  @Test
  void writeTransactionsAreSerializableSoACountThenInsertAdmitsExactlyOne() throws Exception {
    for (int round = 0; round < 5; round++) {
      User u = createUser("racer" + round);
      createKeyWithinTwo(u);
      List<Outcome> outcomes = race(() -> createKeyWithinTwo(u));
      assertThat(outcomes).containsOnlyOnce(Outcome.WON);
      assertThat(outcomes.stream().filter(o -> o == Outcome.LIMIT_EXCEEDED)).hasSize(1);
      assertThat(reads().keys().accessKeys(account, key(u).owner())).hasSize(2);
    }
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
              } catch (StoreConflict e) {
                return Outcome.ALREADY_EXISTS;
              } catch (GatehouseException e) {
                if (e.code() == ErrorCode.LIMIT_EXCEEDED) {
                  return Outcome.LIMIT_EXCEEDED;
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
          tx.groups().addUserToGroup(u.id(), h.id());
          tx.groups().addUserToGroup(u.id(), g.id());
          tx.inlinePolicies().putInlinePolicy(new InlinePolicy(u.id(), "b", DOC));
          tx.inlinePolicies().putInlinePolicy(new InlinePolicy(u.id(), "a", DOC));
          tx.inlinePolicies().putInlinePolicy(new InlinePolicy(g.id(), "g1", DOC));
          tx.inlinePolicies().putInlinePolicy(new InlinePolicy(r.id(), "r1", DOC));
          tx.policies().attachPolicy(account, new EntityRef(EntityKind.ROLE, r.id(), "r"), p.arn());
          tx.policies()
              .attachPolicy(
                  account,
                  new EntityRef(EntityKind.ROLE, r.id(), "r"),
                  "arn:aws:iam::aws:policy/ReadOnlyAccess");
          tx.policies()
              .attachPolicy(account, new EntityRef(EntityKind.GROUP, g.id(), "g"), p.arn());
          tx.tags().putTags(u.id(), List.of(new Tag("z", "1"), new Tag("a", "2")));
          tx.tags().putTags(r.id(), List.of(new Tag("team", "x")));
          tx.instanceProfiles().createInstanceProfile(profile);
          tx.tags().putTags(profile.id(), List.of(new Tag("k", "v")));
          tx.policies().createPolicyVersion(p, v2, true, T0);
        });
    // Another account's rows never show.
    String other = account;
    account = newAccount();
    User stranger = createUser("u");
    write(tx -> tx.inlinePolicies().putInlinePolicy(new InlinePolicy(stranger.id(), "a", DOC)));
    account = other;

    ReadTransaction tx = reads();
    assertThat(tx.users().userCount(account)).isEqualTo(2);
    assertThat(tx.groups().groupCount(account)).isEqualTo(2);
    assertThat(tx.roles().roleCount(account)).isEqualTo(1);
    assertThat(tx.policies().policyCount(account)).isEqualTo(2);
    assertThat(tx.accountWide().inlinePoliciesByOwner(account))
        .containsOnlyKeys(u.id(), g.id(), r.id())
        .containsEntry(u.id(), tx.inlinePolicies().inlinePolicies(u.id()))
        .containsEntry(g.id(), tx.inlinePolicies().inlinePolicies(g.id()))
        .containsEntry(r.id(), tx.inlinePolicies().inlinePolicies(r.id()));
    assertThat(tx.accountWide().inlinePoliciesByOwner(account).get(u.id()))
        .extracting(InlinePolicy::name)
        .containsExactly("a", "b");
    assertThat(tx.accountWide().attachedPoliciesByEntity(account))
        .containsOnlyKeys(r.id(), g.id())
        .containsEntry(r.id(), tx.policies().attachedPolicies(r.id()))
        .containsEntry(g.id(), List.of(p.arn()));
    assertThat(tx.accountWide().attachedPoliciesByEntity(account).get(r.id())).hasSize(2);
    assertThat(tx.accountWide().tagsByEntity(account))
        .containsOnlyKeys(u.id(), r.id(), profile.id())
        .containsEntry(u.id(), tx.tags().tags(u.id()))
        .containsEntry(r.id(), List.of(new Tag("team", "x")))
        .containsEntry(profile.id(), List.of(new Tag("k", "v")));
    assertThat(tx.accountWide().groupsByUser(account))
        .containsOnlyKeys(u.id())
        .containsEntry(u.id(), tx.groups().groupsForUser(u.id()));
    assertThat(tx.accountWide().groupsByUser(account).get(u.id()))
        .extracting(Group::name)
        .containsExactly("g", "h");
    assertThat(tx.accountWide().groupsByUser(account)).doesNotContainKey(lonely.id());
    assertThat(tx.accountWide().defaultPolicyDocuments(account))
        .containsOnlyKeys(p.arn(), policyArn("q"))
        .containsEntry(p.arn(), v2)
        .containsEntry(policyArn("q"), DOC);
    // The attachment count of a customer policy is its own account's.
    assertThat(tx.policies().policy(account, p.arn()).orElseThrow().attachmentCount()).isEqualTo(2);
  }
}
