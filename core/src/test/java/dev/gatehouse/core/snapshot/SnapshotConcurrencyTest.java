package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.ManagedPolicies;
import dev.gatehouse.core.iam.Users;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Readers that take snapshots while writes are applied to them never see half a write: what one
 * write changes in several places (a user's policies and the policy's attachment count; a user's
 * tag and another user's) is all in a snapshot or none of it, and a snapshot, once handed out,
 * never changes when later generations are derived from it.
 */
class SnapshotConcurrencyTest {
  static final String A = SnapshotsTest.A;

  private final Store store = new MemoryStore();
  private final Snapshots snapshots = new Snapshots(store, ManagedPolicyCatalogue.bundled());
  private final IamServices iam = SnapshotsTest.services(store, snapshots).build();

  @Test
  void readersSeeEachWriteWholeOrNotAtAllAndHeldSnapshotsNeverChange() throws Exception {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(A, Clock.systemUTC().instant()));
          return null;
        });
    for (int i = 0; i < 200; i++) {
      iam.users().createUser(A, new Users.CreateUserRequest("u" + i, "/", "", List.of()));
    }
    ManagedPolicy p =
        iam.managedPolicies()
            .createPolicy(
                A, ManagedPolicies.CreatePolicyRequest.of("p", SnapshotDeltaTest.doc("s3:Get")));
    String u0 = snapshots.current(A).user("u0").orElseThrow().arn();

    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
    List<IamSnapshot> held = new ArrayList<>();
    List<Map<String, Object>> heldContent = new ArrayList<>();
    CountDownLatch started = new CountDownLatch(2);
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      boolean holder = r == 0;
      Thread t =
          new Thread(
              () -> {
                started.countDown();
                while (!done.get()) {
                  IamSnapshot s = snapshots.current(A);
                  check(s, p.arn(), u0, broken);
                  // The first snapshot seen, then every seventh generation: a reader that a loaded
                  // machine lets run only a few times still holds one.
                  if (holder && held.size() < 40 && (held.isEmpty() || s.generation() % 7 == 0)) {
                    held.add(s);
                    heldContent.add(SnapshotDeltaTest.content(s));
                  }
                }
              });
      t.start();
      readers.add(t);
    }
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 150; i++) {
      iam.attachments().attachUserPolicy(A, "u0", p.arn());
      // Two users tagged with the same value in one write each: the value moves together.
      iam.users().tagUser(A, "u1", List.of(new Tag("n", "" + i)));
      iam.users().tagUser(A, "u2", List.of(new Tag("n", "" + i)));
      iam.attachments().detachUserPolicy(A, "u0", p.arn());
      // The writer reads too, so that reported changes are applied to the previous snapshot while
      // the readers run, however seldom a loaded machine schedules them.
      snapshots.current(A);
    }
    done.set(true);
    for (Thread t : readers) {
      t.join(30_000);
    }
    assertThat(broken).isEmpty();
    assertThat(held).isNotEmpty();
    for (int i = 0; i < held.size(); i++) {
      assertThat(SnapshotDeltaTest.content(held.get(i)))
          .as("snapshot of generation %d, read again", held.get(i).generation())
          .isEqualTo(heldContent.get(i));
    }
    assertThat(snapshots.deltas()).isPositive();
  }

  /** One snapshot's invariants between the places a write touches. */
  private static void check(
      IamSnapshot s, String policy, String u0, ConcurrentLinkedQueue<String> broken) {
    boolean attached = s.identityPoliciesOf(u0).stream().anyMatch(d -> d.source().equals(policy));
    int count = s.attachmentCounts().getOrDefault(policy, 0);
    if (attached != (count == 1)) {
      broken.add("generation " + s.generation() + ": attached " + attached + ", count " + count);
    }
    ManagedPolicy row =
        s.customerPolicies().stream().filter(m -> m.arn().equals(policy)).findFirst().orElseThrow();
    if (row.attachmentCount() != count) {
      broken.add("generation " + s.generation() + ": listed " + row.attachmentCount());
    }
    String t1 = tag(s, "u1");
    String t2 = tag(s, "u2");
    // u2 is tagged after u1: a snapshot may have u1 ahead by one write, never u2 ahead.
    if (!t1.equals(t2) && !(t2.isEmpty() || Integer.parseInt(t1) == Integer.parseInt(t2) + 1)) {
      broken.add("generation " + s.generation() + ": u1 " + t1 + ", u2 " + t2);
    }
  }

  private static String tag(IamSnapshot s, String user) {
    return s.user(user)
        .map(u -> s.principalTags(u.arn()))
        .flatMap(tags -> tags.stream().filter(t -> t.key().equals("n")).findFirst())
        .map(Tag::value)
        .orElse("");
  }
}
