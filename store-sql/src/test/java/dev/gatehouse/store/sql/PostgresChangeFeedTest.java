package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.iam.EnginePolicyValidator;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.snapshot.Snapshots;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.testsupport.TestPostgres;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two nodes on one PostgreSQL store: a write on one reaches the other's snapshots. */
class PostgresChangeFeedTest {
  static final String ACCOUNT = "123456789012";

  @Test
  void aWriteOnOneNodeInvalidatesTheOtherNodesSnapshot() throws Exception {
    try (TestPostgres.Database db = TestPostgres.createDatabase();
        Store storeA = PostgresStore.open(db.url(), db.user(), db.password(), 2);
        Store storeB = PostgresStore.open(db.url(), db.user(), db.password(), 2)) {
      storeA.write(
          tx -> {
            tx.accounts().createAccount(new Account(ACCOUNT, Clock.systemUTC().instant()));
            return null;
          });
      ManagedPolicyCatalogue catalogue = ManagedPolicyCatalogue.bundled();
      Snapshots snapshotsA = new Snapshots(storeA, catalogue);
      Snapshots snapshotsB = new Snapshots(storeB, catalogue);
      Semaphore heardOnB = new Semaphore(0);
      IamChangeListener nodeB =
          accountId -> {
            snapshotsB.committed(accountId);
            heardOnB.release();
          };
      try (PostgresChangeFeed feedA =
              PostgresChangeFeed.start(db.url(), db.user(), db.password(), snapshotsA);
          PostgresChangeFeed feedB =
              PostgresChangeFeed.start(db.url(), db.user(), db.password(), nodeB)) {
        assertThat(feedB).isNotNull();
        IamServices iamA = iamServices(storeA, catalogue, feedA);
        // Node B has a snapshot from before the write.
        assertThat(snapshotsB.current(ACCOUNT).user("alice")).isEmpty();

        iamA.users().createUser(ACCOUNT, Users.CreateUserRequest.named("alice"));
        // Read-your-writes on the writing node, at once.
        assertThat(snapshotsA.current(ACCOUNT).user("alice")).isPresent();
        // The other node hears of it and rebuilds.
        assertThat(heardOnB.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        assertThat(snapshotsB.current(ACCOUNT).user("alice")).isPresent();

        // A change the writing node applies to its snapshot (a role) reaches the other node as its
        // account id only, and that node reads the account again.
        long deltasA = snapshotsA.deltas();
        iamA.roles()
            .createRole(
                ACCOUNT,
                Roles.CreateRoleRequest.of(
                    "deployer",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},"
                        + "\"Action\":\"sts:AssumeRole\"}]}"));
        assertThat(snapshotsA.current(ACCOUNT).role("deployer")).isPresent();
        assertThat(snapshotsA.deltas()).isEqualTo(deltasA + 1);
        assertThat(heardOnB.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        assertThat(snapshotsB.current(ACCOUNT).role("deployer")).isPresent();
        assertThat(snapshotsB.deltas()).isZero();
      }
    }
  }

  @Test
  void aRolesLastUseReachesTheOtherNodeAsThatRolesLastUse() throws Exception {
    try (TestPostgres.Database db = TestPostgres.createDatabase();
        Store storeA = PostgresStore.open(db.url(), db.user(), db.password(), 2);
        Store storeB = PostgresStore.open(db.url(), db.user(), db.password(), 2)) {
      storeA.write(
          tx -> {
            tx.accounts().createAccount(new Account(ACCOUNT, Clock.systemUTC().instant()));
            return null;
          });
      ManagedPolicyCatalogue catalogue = ManagedPolicyCatalogue.bundled();
      Snapshots snapshotsB = new Snapshots(storeB, catalogue);
      List<String> heardOnB = new java.util.concurrent.CopyOnWriteArrayList<>();
      Semaphore heard = new Semaphore(0);
      IamChangeListener nodeB =
          new IamChangeListener() {
            @Override
            public void committed(String accountId) {
              heardOnB.add(accountId);
              snapshotsB.committed(accountId);
              heard.release();
            }

            @Override
            public void lastUseRecorded(String accountId, String roleId) {
              heardOnB.add(accountId + " " + roleId);
              snapshotsB.lastUseRecorded(accountId, roleId);
              heard.release();
            }
          };
      try (PostgresChangeFeed feedA =
              PostgresChangeFeed.start(
                  db.url(), db.user(), db.password(), new Snapshots(storeA, catalogue));
          PostgresChangeFeed feedB =
              PostgresChangeFeed.start(db.url(), db.user(), db.password(), nodeB)) {
        assertThat(feedB).isNotNull();
        IamServices iamA = iamServices(storeA, catalogue, feedA);
        iamA.roles()
            .createRole(
                ACCOUNT,
                Roles.CreateRoleRequest.of(
                    "deployer",
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},"
                        + "\"Action\":\"sts:AssumeRole\"}]}"));
        assertThat(heard.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        String roleId = snapshotsB.current(ACCOUNT).role("deployer").orElseThrow().id();
        long generation = snapshotsB.current(ACCOUNT).generation();

        iamA.roles().recordRoleUse(ACCOUNT, "deployer", "eu-west-1");
        assertThat(heard.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
        assertThat(heardOnB).containsExactly(ACCOUNT, ACCOUNT + " " + roleId);
        // Node B refreshes that role's last use alone: same generation, no rebuild.
        long rebuilds = snapshotsB.rebuilds();
        var after = snapshotsB.current(ACCOUNT);
        assertThat(after.generation()).isEqualTo(generation);
        assertThat(after.roleLastUsed(roleId)).map(u -> u.region()).contains("eu-west-1");
        assertThat(snapshotsB.rebuilds()).isEqualTo(rebuilds + 1);
      }
    }
  }

  @Test
  void aLostListeningConnectionReconnectsAndReportsEverythingChanged() throws Exception {
    try (TestPostgres.Database db = TestPostgres.createDatabase()) {
      CountDownLatch lost = new CountDownLatch(1);
      CountDownLatch heard = new CountDownLatch(1);
      IamChangeListener node =
          new IamChangeListener() {
            @Override
            public void committed(String accountId) {
              heard.countDown();
            }

            @Override
            public void everythingChanged() {
              lost.countDown();
            }
          };
      try (PostgresChangeFeed feed =
              PostgresChangeFeed.start(db.url(), db.user(), db.password(), node);
          PostgresChangeFeed other =
              PostgresChangeFeed.start(db.url(), db.user(), db.password(), accountId -> {});
          java.sql.Connection admin = db.connect();
          java.sql.PreparedStatement kill =
              admin.prepareStatement(
                  "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                      + " WHERE datname = ? AND query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")) {
        kill.setString(1, db.name());
        kill.execute();
        assertThat(lost.await(30, TimeUnit.SECONDS)).isTrue();
        // After reconnecting it hears other nodes again (the other feed reconnected too).
        other.committed(ACCOUNT);
        assertThat(heard.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(feed).isNotNull();
      }
    }
  }

  /** A node's IAM services over {@code store}, telling {@code feed} of their writes. */
  private static IamServices iamServices(
      Store store, ManagedPolicyCatalogue catalogue, PostgresChangeFeed feed) {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return IamServices.create(
        store,
        Clock.systemUTC(),
        Ids.secure(),
        KeyRing.of(List.of(key), new SecureRandom()),
        new EnginePolicyValidator(),
        catalogue,
        feed);
  }
}
