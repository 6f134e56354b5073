package dev.gatehouse.core.iam;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * One account in a memory store, and the entities the IAM rule tests build in it; each test class
 * makes its own.
 */
final class IamRulesFixture {
  static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
  static final String NO_ACCOUNT = "The account 999999999999 cannot be found.";

  final Ids ids = Ids.secure();
  final Store store = new MemoryStore();
  final String account = newAccount();

  String newAccount() {
    String id = ids.accountId();
    write(tx -> IamRules.createAccount(tx, new Account(id, T0)));
    return id;
  }

  void write(Consumer<WriteTransaction> work) {
    store.write(
        tx -> {
          work.accept(tx);
          return null;
        });
  }

  <T> T read(Function<ReadTransaction, T> work) {
    return store.read(work);
  }

  <T> T get(Function<WriteTransaction, T> work) {
    return store.write(work);
  }

  static void assertFails(ErrorCode code, String message, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(GatehouseException.class)
        .hasMessage(message)
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(code);
  }

  User user(String name) {
    return new User(account, name, ids.userId(), "/", T0, "");
  }

  User createUser(String name) {
    User u = user(name);
    write(tx -> IamRules.createUser(tx, u, Users.MAX_USERS));
    return u;
  }

  Group createGroup(String name) {
    Group g = new Group(account, name, ids.groupId(), "/", T0);
    write(tx -> IamRules.createGroup(tx, g, Groups.MAX_GROUPS));
    return g;
  }

  Role role(String accountId, String name) {
    return new Role(
        accountId, name, ids.roleId(), "/", T0, "", Role.DEFAULT_MAX_SESSION_DURATION, DOC, "");
  }

  Role createRole(String name) {
    Role r = role(account, name);
    write(tx -> IamRules.createRole(tx, r, Roles.MAX_ROLES));
    return r;
  }

  ManagedPolicy policy(String accountId, String name) {
    return new ManagedPolicy(accountId, name, ids.policyId(), "/", "v1", "", T0, T0, true, 0);
  }

  ManagedPolicy createPolicy(String name) {
    ManagedPolicy p = policy(account, name);
    write(tx -> IamRules.createPolicy(tx, p, DOC, ManagedPolicies.MAX_POLICIES));
    return p;
  }

  AccessKey key(String accountId, AccessKeyOwner owner) {
    return new AccessKey(ids.accessKeyId(), accountId, owner, AccessKeyStatus.ACTIVE, T0);
  }

  VirtualMfaDevice device(String name) {
    return VirtualMfaDevice.unassigned(
        account, "arn:aws:iam::" + account + ":mfa/" + name, "sealed", T0);
  }
}
