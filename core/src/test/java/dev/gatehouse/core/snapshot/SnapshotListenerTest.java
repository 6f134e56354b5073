package dev.gatehouse.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.Roles;
import dev.gatehouse.core.managed.ManagedPolicyCatalogue;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listener hears of every snapshot built, of its kind, and of a time for each. */
class SnapshotListenerTest {
  private static final String A = SnapshotsTest.A;

  private final List<SnapshotListener.Kind> kinds = new ArrayList<>();
  private final List<Long> times = new ArrayList<>();
  private final Store store = new MemoryStore();
  private final Snapshots snapshots =
      new Snapshots(
          store,
          ManagedPolicyCatalogue.bundled(),
          CompiledPolicies.bounded(16),
          true,
          (kind, nanos) -> {
            kinds.add(kind);
            times.add(nanos);
          });
  private final IamServices iam = SnapshotsTest.services(store, snapshots).build();

  SnapshotListenerTest() {
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(A, Clock.systemUTC().instant()));
          return null;
        });
  }

  @Test
  void everyBuildIsToldWithItsKindAndTime() {
    snapshots.current(A);
    assertThat(kinds).containsExactly(SnapshotListener.Kind.FULL);

    snapshots.current(A); // fresh: nothing built, nothing told
    assertThat(kinds).hasSize(1);

    iam.roles().createRole(A, Roles.CreateRoleRequest.of("r", SnapshotsTest.TRUST));
    snapshots.current(A);
    assertThat(kinds).hasSize(2);
    assertThat(kinds.get(1)).isEqualTo(SnapshotListener.Kind.DELTA);

    snapshots.lastUseRecorded(A, "AROAEXAMPLE");
    snapshots.current(A);
    assertThat(kinds).hasSize(3).endsWith(SnapshotListener.Kind.LAST_USE);
    assertThat(times).allSatisfy(t -> assertThat(t).isNotNegative());
    assertThat(snapshots.rebuilds()).isEqualTo(3);
  }

  @Test
  void noListenerTellsNoOne() {
    SnapshotListener.NONE.built(SnapshotListener.Kind.FULL, 1);
    assertThat(new Snapshots(store, ManagedPolicyCatalogue.bundled()).current(A).accountId())
        .isEqualTo(A);
  }
}
