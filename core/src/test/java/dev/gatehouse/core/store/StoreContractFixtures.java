package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Shared set-up of the store contract: one store per adapter test class, a fresh account per test
 * (so tests never see each other's rows and may share one database).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreContractFixtures {
  protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
  protected static final String DOC =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
          + "\"Resource\":\"*\"}]}";

  protected final Ids ids = Ids.secure();
  protected Store store;
  protected String account;

  /** Opens the adapter under test (empty or not: tests use their own accounts). */
  protected abstract Store openStore() throws Exception;

  /** Releases what {@link #openStore} acquired, after the store is closed. */
  protected void cleanUp() throws Exception {}

  @BeforeAll
  void openTheStore() throws Exception {
    store = openStore();
  }

  @AfterAll
  void closeTheStore() throws Exception {
    store.close();
    cleanUp();
  }

  @BeforeEach
  void freshAccount() {
    account = newAccount();
  }

  protected String newAccount() {
    String id = ids.accountId();
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(id, T0));
          return null;
        });
    return id;
  }

  protected User user(String name) {
    return new User(account, name, ids.userId(), "/", T0, "");
  }

  protected Group group(String name) {
    return new Group(account, name, ids.groupId(), "/", T0);
  }

  protected Role role(String name) {
    return new Role(
        account, name, ids.roleId(), "/", T0, "", Role.DEFAULT_MAX_SESSION_DURATION, DOC, "");
  }

  protected ManagedPolicy policy(String name) {
    return new ManagedPolicy(account, name, ids.policyId(), "/", "v1", "", T0, T0, true, 0);
  }

  protected AccessKey key(User owner) {
    return new AccessKey(
        ids.accessKeyId(),
        account,
        new AccessKeyOwner.IamUser(owner.id()),
        AccessKeyStatus.ACTIVE,
        T0);
  }

  protected AccessKey rootKey() {
    return new AccessKey(
        ids.accessKeyId(), account, new AccessKeyOwner.Root(), AccessKeyStatus.ACTIVE, T0);
  }

  protected String policyArn(String name) {
    return Arns.policy(account, "/", name);
  }

  protected User createUser(String name) {
    User u = user(name);
    store.write(
        tx -> {
          tx.users().createUser(u);
          return null;
        });
    return u;
  }

  protected Group createGroup(String name) {
    Group g = group(name);
    store.write(
        tx -> {
          tx.groups().createGroup(g);
          return null;
        });
    return g;
  }

  protected Role createRole(String name) {
    Role r = role(name);
    store.write(
        tx -> {
          tx.roles().createRole(r);
          return null;
        });
    return r;
  }

  protected ManagedPolicy createPolicy(String name) {
    ManagedPolicy p = policy(name);
    store.write(
        tx -> {
          tx.policies().createPolicy(p, DOC);
          return null;
        });
    return p;
  }

  /** Each call runs in its own read transaction. */
  protected ReadTransaction reads() {
    return proxy(ReadTransaction.class, false);
  }

  /** Each call runs in its own write transaction. */
  protected WriteTransaction writes() {
    return proxy(WriteTransaction.class, true);
  }

  /**
   * A transaction whose group accessors return groups each of whose calls runs in its own
   * transaction: {@code reads().users().user(...)}.
   */
  private <T> T proxy(Class<T> type, boolean write) {
    java.lang.reflect.InvocationHandler handler = (proxy, accessor, none) -> group(accessor, write);
    return type.cast(
        java.lang.reflect.Proxy.newProxyInstance(
            type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private Object group(java.lang.reflect.Method accessor, boolean write) {
    Class<?> type = accessor.getReturnType();
    java.lang.reflect.InvocationHandler handler =
        (proxy, method, args) -> {
          java.util.function.Function<ReadTransaction, Object> call =
              tx -> {
                try {
                  return method.invoke(accessor.invoke(tx), args);
                } catch (java.lang.reflect.InvocationTargetException e) {
                  if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                  }
                  throw new IllegalStateException(e.getCause());
                } catch (IllegalAccessException e) {
                  throw new IllegalStateException(e);
                }
              };
          return write ? store.write(call) : store.read(call);
        };
    return java.lang.reflect.Proxy.newProxyInstance(
        type.getClassLoader(), new Class<?>[] {type}, handler);
  }

  /** Runs a write and lets it fail. */
  protected void write(java.util.function.Consumer<WriteTransaction> work) {
    store.write(
        tx -> {
          work.accept(tx);
          return null;
        });
  }
}
