package dev.gatehouse.api.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Ids;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.sts.MfaDevices;
import dev.gatehouse.core.sts.MfaFacts;
import dev.gatehouse.core.sts.MfaHolder;
import dev.gatehouse.core.sts.Revocations;
import dev.gatehouse.core.sts.SessionClaims;
import dev.gatehouse.core.sts.SessionPolicies;
import dev.gatehouse.core.sts.SessionPrincipal;
import dev.gatehouse.core.sts.SessionRevoker;
import dev.gatehouse.store.sql.PostgresChangeFeed;
import dev.gatehouse.store.sql.PostgresStore;
import dev.gatehouse.testsupport.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes over one PostgreSQL database, each with its own store connection pool, change feed, MFA
 * devices and revocation view: what one node does holds on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedStoreNodesTest {
  private static final String ACCOUNT = "123456789012";
  private static final MfaHolder ALICE = new MfaHolder.User("alice");

  @TempDir static Path dir;
  private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-29T10:00:00Z"));
  private final Ids ids = Ids.secure();
  private TestPostgres.Database database;
  private Node a;
  private Node b;

  /** One node: its pool, its change feed (LISTEN/NOTIFY), its STS state objects. */
  private final class Node implements AutoCloseable {
    final Store store;
    final PostgresChangeFeed feed;
    final MfaDevices mfa;
    final Revocations revocations;
    final SessionRevoker revoker;

    Node(String name, KeyRing keys) throws Exception {
      store = PostgresStore.open(database.url(), database.user(), database.password(), 4);
      Path data = Files.createDirectories(dir.resolve(name));
      revocations = new Revocations(store, data);
      feed =
          PostgresChangeFeed.start(
              database.url(), database.user(), database.password(), revocations);
      revoker = new SessionRevoker(store, feed, clock);
      mfa = new MfaDevices(store, data, keys, new SecureRandom(), clock);
    }

    @Override
    public void close() {
      feed.close();
      store.close();
    }
  }

  @BeforeAll
  void start() throws Exception {
    database = TestPostgres.createDatabase();
    KeyRing keys = KeyRing.load(dir, Map.of(), new SecureRandom());
    a = new Node("a", keys);
    b = new Node("b", keys);
    a.store.write(
        tx -> {
          tx.accounts().createAccount(new Account(ACCOUNT, clock.instant()));
          return null;
        });
  }

  @AfterAll
  void stop() throws Exception {
    a.close();
    b.close();
    database.close();
  }

  private User user(String name) {
    User u = new User(ACCOUNT, name, ids.userId(), "/", clock.instant(), "");
    a.store.write(
        tx -> {
          tx.users().createUser(u);
          return null;
        });
    return u;
  }

  private SessionClaims session(User u, String accessKeyId, Instant issued) {
    return new SessionClaims(
        UUID.randomUUID().toString().replace("-", ""),
        "aws",
        ACCOUNT,
        new SessionPrincipal.UserSession(u.arn(), u.id()),
        u.id(),
        "",
        issued,
        issued.plusSeconds(3600),
        MfaFacts.absent(),
        SessionPolicies.none(),
        List.of(),
        List.of(),
        0,
        accessKeyId,
        "secret");
  }

  /** Polls until the other node's change feed has delivered (it never must for the writer). */
  private static void eventually(java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("the change feed delivered in time").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void aRevocationOnOneNodeHoldsAtOnceThereAndOnTheOtherOnceTheFeedDelivers() throws Exception {
    User u = user("revoked");
    SessionClaims before = session(u, "ASIA" + ids.userId().substring(4), clock.instant());
    // Both views are loaded (and cached) before the revocation.
    assertThat(a.revocations.isRevoked(before)).isFalse();
    assertThat(b.revocations.isRevoked(before)).isFalse();

    clock.advance(Duration.ofSeconds(1));
    a.revoker.revokeOrigin(u.id());
    assertThat(a.revocations.isRevoked(before))
        .as("read-your-writes on the revoking node")
        .isTrue();
    eventually(() -> b.revocations.isRevoked(before));
    SessionClaims after = session(u, "ASIA" + ids.userId().substring(4), clock.instant());
    assertThat(b.revocations.isRevoked(after)).as("a session issued later").isFalse();

    // And the other way round, one session by its access key.
    b.revoker.revokeAccessKey(after.accessKeyId());
    assertThat(b.revocations.isRevoked(after)).isTrue();
    eventually(() -> a.revocations.isRevoked(after));
  }

  @Test
  void aDeviceEnabledOnOneNodeWorksOnTheOtherAndEachCodeOnceAcrossBoth() throws Exception {
    user("alice");
    MfaDevices.Created created = a.mfa.create(ACCOUNT, "/", "alice-" + ids.userId());
    String serial = created.device().serialNumber();
    byte[] seed = Base32.decode(created.seedBase32());
    long t = Totp.DEFAULT.step(clock.instant());
    b.mfa.enable(
        ACCOUNT, ALICE, serial, Totp.DEFAULT.code(seed, t - 1), Totp.DEFAULT.code(seed, t));
    assertThat(a.mfa.get(serial).userName()).isEqualTo("alice");

    clock.advance(Duration.ofSeconds(30));
    String code = Totp.DEFAULT.code(seed, t + 1);
    assertThat(a.mfa.verify(ACCOUNT, ALICE, serial, code)).isEqualTo(clock.instant());
    assertThatThrownBy(() -> b.mfa.verify(ACCOUNT, ALICE, serial, code))
        .isInstanceOf(GatehouseException.class)
        .hasMessage(MfaDevices.MFA_FAILED)
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(b.mfa.get(serial).state().lastUsedStep()).isEqualTo(t + 1);

    // The same fresh code presented to both nodes at once: exactly one accepts it.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 2; round < 7; round++) {
        clock.advance(Duration.ofSeconds(30));
        String fresh = Totp.DEFAULT.code(seed, t + round);
        List<Callable<Boolean>> both = new ArrayList<>();
        for (Node n : List.of(a, b)) {
          both.add(() -> accepted(n, serial, fresh));
        }
        int accepted = 0;
        for (Future<Boolean> f : pool.invokeAll(both)) {
          accepted += f.get() ? 1 : 0;
        }
        assertThat(accepted).as("round " + round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static boolean accepted(Node n, String serial, String code) {
    try {
      n.mfa.verify(ACCOUNT, ALICE, serial, code);
      return true;
    } catch (GatehouseException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
      return false;
    }
  }
}
