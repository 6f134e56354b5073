package dev.gatehouse.core.grants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import dev.gatehouse.core.sts.GrantCheck;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * AssumeRole's grant check reads memory: the store is read once per kind of change reported, never
 * per check; changes another node makes are seen once reported.
 */
class LiveGrantsTest {
  static final String ACCOUNT = GrantCast.ACCOUNT;
  static final Instant T0 = GrantCast.T0;

  /** A store that counts its transactions, as another node's writes happen behind its back. */
  static final class CountingStore implements Store {
    final MemoryStore inner = new MemoryStore();
    int reads;

    @Override
    public <T> T read(Function<? super ReadTransaction, ? extends T> work) {
      reads++;
      return inner.read(work);
    }

    @Override
    public <T> T write(Function<? super WriteTransaction, ? extends T> work) {
      return inner.write(work);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  final CountingStore store = new CountingStore();
  final AccessGrantsTest.FixedClock clock = new AccessGrantsTest.FixedClock();
  final LiveGrants live = new LiveGrants(store);
  final GrantGate gate = new GrantGate(store, clock, live);

  /** This node's writes, reported to its view. */
  final AccessGrants here =
      new AccessGrants(store, clock, new SecureRandom(), live, GrantEvents.none());

  /** Another node's writes to the same store, not reported here until told. */
  final AccessGrants elsewhere =
      new AccessGrants(store, clock, new SecureRandom(), IamChangeListener.none(), e -> {});

  Role open;
  Role guarded;
  User stuart;
  User maria;

  @BeforeEach
  void setUp() {
    open = GrantCast.role("ReadOnly", "AROAEXAMPLEROLE00002");
    guarded = GrantCast.role("RoleS3FullAccess", "AROAEXAMPLEROLE00001");
    stuart = GrantCast.STUART;
    maria = GrantCast.MARIA;
    GrantCast.seed(store, open, guarded);
    here.putPolicy(guarded, GrantCast.mariaApproves());
  }

  static Principal as(User u) {
    return new Principal.User(ACCOUNT, u.name(), "/", u.id());
  }

  GrantCheck check(Role role) {
    return gate.check(as(stuart), role, clock.instant());
  }

  String approvedGrant(AccessGrants by) {
    AccessRequest r =
        by.request(
            new GrantActor(as(stuart), false),
            guarded,
            Duration.ofHours(2),
            "OPS-123",
            "",
            Optional.empty());
    return by.approve(new GrantActor(as(maria), false), ACCOUNT, r.id(), "ok")
        .request()
        .grant()
        .orElseThrow()
        .id();
  }

  @Test
  void aRoleWithoutRequestPolicyCostsNoStoreRead() {
    check(open); // the policies are loaded once, for every account
    int reads = store.reads;
    for (int i = 0; i < 1000; i++) {
      assertThat(check(open)).isInstanceOf(GrantCheck.NotRequired.class);
    }
    assertThat(store.reads).isEqualTo(reads);
  }

  @Test
  void aRoleWithRequestPolicyIsReadOncePerChangeNotPerCheck() {
    String grantId = approvedGrant(here);
    assertThat(check(guarded)).isInstanceOf(GrantCheck.Live.class);
    int reads = store.reads;
    for (int i = 0; i < 1000; i++) {
      assertThat(((GrantCheck.Live) check(guarded)).grantId()).isEqualTo(grantId);
      assertThat(gate.check(as(maria), guarded, clock.instant()))
          .isInstanceOf(GrantCheck.Missing.class);
    }
    assertThat(store.reads).isEqualTo(reads);
    // This node's revocation is in the view its next check uses.
    here.revoke(new GrantActor(as(maria), false), ACCOUNT, grantId, "done");
    assertThat(check(guarded)).isInstanceOf(GrantCheck.Missing.class);
  }

  @Test
  void anotherNodesApprovalAndRevocationAreSeenOnceReported() {
    assertThat(check(guarded)).isInstanceOf(GrantCheck.Missing.class);
    String grantId = approvedGrant(elsewhere);
    // Not reported yet: this node's view is what it loaded.
    assertThat(check(guarded)).isInstanceOf(GrantCheck.Missing.class);
    live.committed(LiveGrants.grantsKey(ACCOUNT));
    assertThat(check(guarded)).isInstanceOf(GrantCheck.Live.class);
    elsewhere.revoke(new GrantActor(as(maria), false), ACCOUNT, grantId, "done");
    live.committed(LiveGrants.grantsKey(ACCOUNT));
    assertThat(check(guarded)).isInstanceOf(GrantCheck.Missing.class);
  }

  @Test
  void anotherNodesRequestPolicyIsSeenOnceReported() {
    assertThat(check(open)).isInstanceOf(GrantCheck.NotRequired.class);
    elsewhere.putPolicy(
        open,
        new RequestPolicy.Terms(
            Duration.ofHours(1),
            List.of(maria.arn()),
            1,
            false,
            false,
            false,
            false,
            false,
            false));
    assertThat(check(open)).isInstanceOf(GrantCheck.NotRequired.class);
    live.committed(LiveGrants.POLICIES_KEY);
    assertThat(check(open)).isInstanceOf(GrantCheck.Missing.class);
    elsewhere.deletePolicy(open);
    live.everythingChanged(); // a lost change feed reloads everything
    assertThat(check(open)).isInstanceOf(GrantCheck.NotRequired.class);
  }

  @Test
  void iamChangesOfRealAccountsLeaveTheViewAlone() {
    approvedGrant(here);
    check(guarded);
    int reads = store.reads;
    live.committed(ACCOUNT);
    live.lastUseRecorded(ACCOUNT, "AROAEXAMPLE");
    live.bucketsChanged(ACCOUNT);
    live.committed("sts-revocations");
    assertThat(check(guarded)).isInstanceOf(GrantCheck.Live.class);
    assertThat(check(open)).isInstanceOf(GrantCheck.NotRequired.class);
    assertThat(store.reads).isEqualTo(reads);
  }

  @Test
  void aGrantSpentOnAnotherNodeIsRefusedHereByTheWrite() {
    here.putPolicy(
        guarded,
        new RequestPolicy.Terms(
            Duration.ofHours(4), List.of(maria.arn()), 1, false, false, false, false, false, true));
    approvedGrant(here);
    GrantCheck.Live first = (GrantCheck.Live) check(guarded);
    GrantGate otherNode = new GrantGate(store, clock, new LiveGrants(store));
    GrantCheck.Live there = (GrantCheck.Live) otherNode.check(as(stuart), guarded, clock.instant());
    otherNode.issuing(there);
    // This node's view still offers the grant; spending it again is refused in the write.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> gate.issuing(first))
        .hasMessageContaining("single-use");
  }
}
