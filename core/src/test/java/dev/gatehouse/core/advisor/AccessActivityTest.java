package dev.gatehouse.core.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.ServiceAccess;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Attempts are kept in memory per entity, service and action, and written by a flush. */
class AccessActivityTest {
  static final String A = "123456789012";
  static final Instant T = Instant.parse("2026-03-04T05:06:07.089Z");

  private final Store store = new MemoryStore();
  private final AccessActivity activity = new AccessActivity(store);

  AccessActivityTest() {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(A, T));
          return null;
        });
  }

  private List<ServiceAccess> stored() {
    return store.read(tx -> tx.serviceAccess().serviceAccess(A));
  }

  @Test
  void attemptsAreWrittenOnlyByAFlushAndKeepTheLatest() {
    Principal alice = new Principal.User(A, "alice", "/", "AIDAEXAMPLE");
    activity.attempted(alice, "iam:GetUser", "us-east-1", T);
    activity.attempted(alice, "iam:GetUser", "eu-west-1", T.plusSeconds(5));
    activity.attempted(alice, "IAM:GetUser", "ap-south-1", T.minusSeconds(5));
    activity.attempted(new Principal.Root(A), "s3:ListAllMyBuckets", "us-east-1", T);
    assertThat(stored()).isEmpty();

    activity.flush();
    assertThat(stored())
        .containsExactlyInAnyOrder(
            new ServiceAccess(
                A,
                "arn:aws:iam::" + A + ":user/alice",
                "iam",
                "GetUser",
                "eu-west-1",
                T.plusSeconds(5)),
            new ServiceAccess(
                A, "arn:aws:iam::" + A + ":root", "s3", "ListAllMyBuckets", "us-east-1", T));

    activity.flush(); // nothing pending: nothing written
    assertThat(stored()).hasSize(2);
  }

  @Test
  void anonymousCallersAndActionsWithoutServiceAreNotRecorded() {
    activity.attempted(new Principal.Anonymous(), "s3:GetObject", "us-east-1", T);
    activity.attempted(new Principal.Root(A), "GetObject", "us-east-1", T);
    activity.flush();
    assertThat(stored()).isEmpty();
    assertThat(AccessActivity.entityArn(new Principal.Anonymous())).isEmpty();
  }

  @Test
  void aFailedWriteIsLoggedAndDropped() {
    Store failing =
        new Store() {
          @Override
          public <R> R read(Function<? super ReadTransaction, ? extends R> work) {
            return store.read(work);
          }

          @Override
          public <R> R write(Function<? super WriteTransaction, ? extends R> work) {
            throw new IllegalStateException("store down");
          }

          @Override
          public void close() {}
        };
    AccessActivity down = new AccessActivity(failing);
    down.attempted(new Principal.Root(A), "iam:GetUser", "us-east-1", T);
    down.flush();
    down.flush();
    assertThat(stored()).isEmpty();
  }

  @Test
  void newEntriesBeyondTheBoundWaitForTheNextFlush() {
    for (int i = 0; i < AccessActivity.MAX_PENDING + 10; i++) {
      activity.attempted(new Principal.Root(A), "iam:Action" + i, "us-east-1", T);
    }
    activity.attempted(new Principal.Root(A), "iam:Action0", "us-east-1", T.plusSeconds(1));
    activity.flush();
    List<ServiceAccess> written = stored();
    assertThat(written).hasSize(AccessActivity.MAX_PENDING);
    assertThat(written)
        .filteredOn(a -> a.actionName().equals("Action0"))
        .extracting(ServiceAccess::lastAccessed)
        .containsExactly(T.plusSeconds(1));
  }
}
