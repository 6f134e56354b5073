package dev.gatehouse.bench;

import dev.gatehouse.core.domain.EntityRef;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import dev.gatehouse.store.sql.SqliteStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fills one account of a stopped server's embedded store with a large generated IAM estate: by
 * default 10,000 users, 2,000 groups, 1,000 roles and 5,000 customer managed policies, every user
 * in two groups, and policies attached to users (one each), groups (two each) and roles (two each).
 *
 * <p>It writes through the store port ({@link Store#write}) in transactions of {@value #BATCH}
 * entities rather than through the IAM API, for two reasons: these counts are above the quotas
 * Gatehouse enforces as AWS does by default (5,000 users, 300 groups, 1,500 customer managed
 * policies per account), so CreateUser and CreatePolicy would refuse them; and the 40,000 requests
 * the API would need (each one an fsync and a new snapshot) take many minutes on a shared machine.
 * The rows are the ones the IAM services write (same ids, ARNs, default version {@code v1}); the
 * server reads them when it starts on the data directory.
 *
 * <p>Usage: {@code java -cp ... dev.gatehouse.bench.LargeAccount DATA_DIR ACCOUNT_ID [USERS GROUPS
 * ROLES POLICIES]}. Names: {@code user-00042}, {@code group-0042}, {@code role-0042}, {@code
 * policy-0042}; every role trusts the account ({@code arn:aws:iam::ACCOUNT:root}).
 */
public final class LargeAccount {
  static final int BATCH = 1_000;
  static final int GROUPS_PER_USER = 2;
  static final int POLICIES_PER_GROUP = 2;
  static final int POLICIES_PER_ROLE = 2;

  private LargeAccount() {}

  /** How large the account is. */
  record Size(int users, int groups, int roles, int policies) {
    static final Size DEFAULT = new Size(10_000, 2_000, 1_000, 5_000);

    int entities() {
      return users + groups + roles + policies;
    }
  }

  public static void main(String[] args) {
    if (args.length != 2 && args.length != 6) {
      throw new IllegalArgumentException(
          "usage: LargeAccount DATA_DIR ACCOUNT_ID [USERS GROUPS ROLES POLICIES]");
    }
    Size size =
        args.length == 6
            ? new Size(
                Integer.parseInt(args[2]),
                Integer.parseInt(args[3]),
                Integer.parseInt(args[4]),
                Integer.parseInt(args[5]))
            : Size.DEFAULT;
    long started = System.nanoTime();
    try (Store store = SqliteStore.open(Path.of(args[0]))) {
      fill(store, args[1], size, Instant.now());
    }
    System.out.printf(
        Locale.ROOT,
        "filled account %s: %d users, %d groups, %d roles, %d policies (%d entities) in %.1f s%n",
        args[1],
        size.users(),
        size.groups(),
        size.roles(),
        size.policies(),
        size.entities(),
        (System.nanoTime() - started) / 1e9);
  }

  /** Writes the account's entities, memberships and attachments. */
  static void fill(Store store, String account, Size size, Instant now) {
    Ids ids = Ids.secure();
    List<ManagedPolicy> policies = new ArrayList<>();
    for (int i = 0; i < size.policies(); i++) {
      String name = String.format(Locale.ROOT, "policy-%04d", i);
      policies.add(
          new ManagedPolicy(account, name, ids.policyId(), "/", "v1", "", now, now, true, 0));
    }
    batches(
        store,
        policies.size(),
        (tx, i) -> tx.policies().createPolicy(policies.get(i), document(account, i)));
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < size.groups(); i++) {
      groups.add(
          new Group(account, String.format(Locale.ROOT, "group-%04d", i), ids.groupId(), "/", now));
    }
    batches(
        store,
        groups.size(),
        (tx, i) -> {
          Group g = groups.get(i);
          tx.groups().createGroup(g);
          for (int k = 0; k < POLICIES_PER_GROUP && size.policies() > 0; k++) {
            int p = (i * POLICIES_PER_GROUP + k) % size.policies();
            tx.policies().attachPolicy(account, EntityRef.of(g), policies.get(p).arn());
          }
        });
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"arn:aws:iam::"
            + account
            + ":root\"},\"Action\":\"sts:AssumeRole\"}]}";
    batches(
        store,
        size.roles(),
        (tx, i) -> {
          Role r =
              new Role(
                  account,
                  String.format(Locale.ROOT, "role-%04d", i),
                  ids.roleId(),
                  "/",
                  now,
                  "",
                  Role.DEFAULT_MAX_SESSION_DURATION,
                  trust,
                  "");
          tx.roles().createRole(r);
          for (int k = 0; k < POLICIES_PER_ROLE && size.policies() > 0; k++) {
            int p = (i * POLICIES_PER_ROLE + k + size.policies() / 2) % size.policies();
            tx.policies().attachPolicy(account, EntityRef.of(r), policies.get(p).arn());
          }
        });
    batches(
        store,
        size.users(),
        (tx, i) -> {
          User u =
              new User(
                  account, String.format(Locale.ROOT, "user-%05d", i), ids.userId(), "/", now, "");
          tx.users().createUser(u);
          for (int k = 0; k < GROUPS_PER_USER && size.groups() > 0; k++) {
            tx.groups().addUserToGroup(u.id(), groups.get((i * 7 + k * 13) % size.groups()).id());
          }
          if (size.policies() > 0) {
            tx.policies()
                .attachPolicy(account, EntityRef.of(u), policies.get(i % size.policies()).arn());
          }
        });
  }

  /** One write of entity {@code i} within a batch transaction. */
  private interface Work {
    void write(WriteTransaction tx, int i);
  }

  private static void batches(Store store, int count, Work work) {
    for (int from = 0; from < count; from += BATCH) {
      int start = from;
      int end = Math.min(count, from + BATCH);
      store.write(
          tx -> {
            for (int i = start; i < end; i++) {
              work.write(tx, i);
            }
            return null;
          });
    }
  }

  /** A policy of its own: the objects of its bucket and one queue, with a condition. */
  static String document(String account, int i) {
    String name = String.format(Locale.ROOT, "app-%04d", i);
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"arn:aws:s3:::"
        + name
        + "-bucket/*\"},{\"Effect\":\"Allow\",\"Action\":\"sqs:SendMessage\","
        + "\"Resource\":\"arn:aws:sqs:us-east-1:"
        + account
        + ":"
        + name
        + "-queue\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"true\"}}}]}";
  }
}
