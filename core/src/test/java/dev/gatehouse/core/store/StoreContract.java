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
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.PolicyVersion;
import dev.gatehouse.core.domain.Role;
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
    ManagedPolicy read = reads().policy(account, p.arn()).orElseThrow();
    assertThat(read).isEqualTo(p);
    assertThat(read.defaultVersionId()).isEqualTo("v1");
    assertThat(reads().policyVersions(account, p.arn()))
        .containsExactly(new PolicyVersion(p.arn(), "v1", DOC, true, T0));
    assertThat(reads().policyByName(account, "readonly")).contains(p);
    assertThat(reads().policyByName(account, "other")).isEmpty();
    assertThatThrownBy(() -> createPolicy("readonly")).isInstanceOf(StoreConflict.class);
    ManagedPolicy other = createPolicy("Admin");
    assertThat(reads().policies(account)).containsExactly(other, p);
    assertThat(reads().policyCount(account)).isEqualTo(2);
    assertThat(reads().policy(account, policyArn("nope"))).isEmpty();
  }

  @Test
  void policyVersionNumbersAreNeverReusedAndTheDefaultMoves() {
    ManagedPolicy p = createPolicy("p");
    String arn = p.arn();
    for (int i = 2; i <= 5; i++) {
      PolicyVersion v = writes().createPolicyVersion(p, "{\"n\":1}", false, T0);
      assertThat(v.versionId()).isEqualTo("v" + i);
    }
    assertThat(reads().policyVersions(account, arn)).hasSize(5);

    write(tx -> tx.deletePolicyVersion(p, 5));
    PolicyVersion v6 = writes().createPolicyVersion(p, "{\"n\":6}", true, T0);
    assertThat(v6.versionId()).isEqualTo("v6");
    assertThat(v6.isDefault()).isTrue();
    assertThat(reads().policy(account, arn).orElseThrow().defaultVersionId()).isEqualTo("v6");
    assertThat(reads().policyVersion(account, arn, "v1").orElseThrow().isDefault()).isFalse();
    assertThat(reads().policyVersion(account, arn, "v5")).isEmpty();
    assertThat(reads().policyVersion(account, arn, "bogus")).isEmpty();

    write(tx -> tx.setDefaultPolicyVersion(p, 2, T0.plusSeconds(1)));
    ManagedPolicy now = reads().policy(account, arn).orElseThrow();
    assertThat(now.defaultVersionId()).isEqualTo("v2");
    assertThat(now.updateDate()).isEqualTo(T0.plusSeconds(1));
    assertThat(reads().policyVersion(account, arn, "v2").orElseThrow().document())
        .isEqualTo("{\"n\":1}");
  }

  @Test
  void attachmentsAndBoundariesAreCountedAndAPolicyIsDeletedWithItsVersionsAndTags() {
    ManagedPolicy p = createPolicy("p");
    String arn = p.arn();
    User u = createUser("u");
    write(tx -> tx.attachPolicy(account, EntityRef.of(u), arn));
    assertThat(reads().policy(account, arn).orElseThrow().attachmentCount()).isEqualTo(1);
    assertThat(writes().detachPolicy(u.id(), arn)).isTrue();
    assertThat(reads().policy(account, arn).orElseThrow().attachmentCount()).isZero();
    assertThat(reads().boundaryUseCount(arn)).isZero();
    write(tx -> tx.updateUser(u.withPermissionsBoundary(arn)));
    Role r = createRole("bounded");
    write(tx -> tx.updateRole(r.withPermissionsBoundary(arn)));
    assertThat(reads().boundaryUseCount(arn)).isEqualTo(2);
    write(tx -> tx.updateUser(u.withPermissionsBoundary("")));
    write(tx -> tx.updateRole(r.withPermissionsBoundary("")));
    assertThat(reads().boundaryUseCount(arn)).isZero();

    write(tx -> tx.createPolicyVersion(p, "{}", false, T0));
    write(tx -> tx.putTags(p.id(), List.of(new dev.gatehouse.core.domain.Tag("k", "v"))));
    write(tx -> tx.deletePolicy(p));
    assertThat(reads().policy(account, arn)).isEmpty();
    assertThat(reads().policyVersions(account, arn)).isEmpty();
    assertThat(reads().tags(p.id())).isEmpty();
    // The name is free again.
    createPolicy("p");
  }

  @Test
  void attachmentsAreIdempotentAndListedPerPolicy() {
    User u = createUser("u");
    Role r = createRole("r");
    String awsArn = Arns.policy(Arns.AWS_ACCOUNT, "/", "ReadOnlyAccess");
    assertThat(writes().attachPolicy(account, EntityRef.of(u), awsArn)).isTrue();
    assertThat(writes().attachPolicy(account, EntityRef.of(u), awsArn)).isFalse();
    write(tx -> tx.attachPolicy(account, EntityRef.of(r), awsArn));
    write(tx -> tx.attachPolicy(account, EntityRef.of(u), policyArn("a")));
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
  }

  @Test
  void accessKeysBelongToAUserOrTheRoot() {
    User u = createUser("u");
    AccessKey k1 = key(u);
    AccessKey k2 = key(u);
    write(tx -> tx.createAccessKey(k1, "sealed-1"));
    write(tx -> tx.createAccessKey(k2, "sealed-2"));
    assertThatThrownBy(() -> write(tx -> tx.createAccessKey(k1, "again")))
        .isInstanceOf(StoreConflict.class);
    AccessKey root = rootKey();
    write(tx -> tx.createAccessKey(root, "sealed-root"));

    assertThat(reads().accessKey(k1.accessKeyId())).contains(k1);
    assertThat(reads().sealedSecret(k2.accessKeyId())).contains("sealed-2");
    assertThat(reads().accessKeys(account, k1.owner())).containsExactlyInAnyOrder(k1, k2);
    assertThat(reads().accessKeys(account, new AccessKeyOwner.Root())).containsExactly(root);
    assertThat(reads().accessKey("AKIANOTAKEY00000000")).isEmpty();

    assertThat(writes().updateAccessKeyStatus(k1.accessKeyId(), AccessKeyStatus.INACTIVE)).isTrue();
    assertThat(reads().accessKey(k1.accessKeyId()).orElseThrow().status())
        .isEqualTo(AccessKeyStatus.INACTIVE);
    assertThat(reads().accessKeyLastUsed(k1.accessKeyId())).isEmpty();
    AccessKeyLastUsed used = new AccessKeyLastUsed(T0.plusSeconds(9), "iam", "us-east-1");
    assertThat(writes().recordAccessKeyUse(k1.accessKeyId(), used)).isTrue();
    assertThat(reads().accessKeyLastUsed(k1.accessKeyId())).contains(used);

    assertThat(writes().deleteAccessKey(k1.accessKeyId())).isTrue();
    String missing = k1.accessKeyId();
    assertThat(writes().deleteAccessKey(missing)).isFalse();
    assertThat(writes().updateAccessKeyStatus(missing, AccessKeyStatus.ACTIVE)).isFalse();
    assertThat(writes().recordAccessKeyUse(missing, used)).isFalse();
    assertThat(reads().accessKey(missing)).isEmpty();
  }

  /** A count-then-insert quota check, as the services make it, inside the write it guards. */
  private void createKeyWithinTwo(User u) {
    write(
        tx -> {
          if (tx.accessKeys(account, new AccessKeyOwner.IamUser(u.id())).size() >= 2) {
            throw GatehouseException.limitExceeded("full");
          }
          tx.createAccessKey(key(u), "s");
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
      assertThat(reads().accessKeys(account, key(u).owner())).hasSize(2);
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
}
