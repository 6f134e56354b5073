package dev.gatehouse.core.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.sts.GrantCheck;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Grants whose end passed are marked expired once, with their step and their event. */
class GrantExpiryTest {
  static final String ACCOUNT = GrantCast.ACCOUNT;
  static final Instant T0 = GrantCast.T0;

  final MemoryStore store = new MemoryStore();
  final AccessGrantsTest.FixedClock clock = new AccessGrantsTest.FixedClock();
  final LiveGrants live = new LiveGrants(store);
  final List<String> changed = new ArrayList<>();
  final IamChangeListener changes =
      key -> {
        changed.add(key);
        live.committed(key);
      };
  final List<GrantEvent> events = new ArrayList<>();
  final AccessGrants grants =
      new AccessGrants(store, clock, new SecureRandom(), changes, GrantEvents.none());
  final GrantExpiry expiry = new GrantExpiry(store, clock, changes, events::add);
  final GrantGate gate = new GrantGate(store, clock, live);

  Role role;
  User stuart;
  User maria;

  @BeforeEach
  void setUp() {
    role = GrantCast.role("RoleS3FullAccess", "AROAEXAMPLEROLE00001");
    stuart = GrantCast.STUART;
    maria = GrantCast.MARIA;
    GrantCast.seed(store, role);
    grants.putPolicy(role, GrantCast.mariaApproves());
  }

  static GrantActor as(User u) {
    return GrantCast.actor(u);
  }

  AccessRequest approved(Duration d) {
    AccessRequest r = grants.request(as(stuart), role, d, "OPS-123", "", Optional.empty());
    return grants.approve(as(maria), ACCOUNT, r.id(), "ok").request();
  }

  @Test
  void aGrantIsMarkedExpiredOnceItsEndPassedAndOnlyOnce() {
    AccessRequest r = approved(Duration.ofHours(2));
    AccessRequest other = approved(Duration.ofHours(3));
    assertThat(expiry.sweep()).isEmpty();
    clock.advance(Duration.ofHours(2).minusSeconds(1));
    assertThat(expiry.sweep()).isEmpty();
    assertThat(gate.check(as(stuart).principal(), role, clock.instant()))
        .isInstanceOf(GrantCheck.Live.class);
    clock.advance(Duration.ofSeconds(1));
    changed.clear();

    List<AccessRequest> marked = expiry.sweep();

    assertThat(marked).extracting(AccessRequest::id).containsExactly(r.id());
    AccessRequest stored = grants.get(ACCOUNT, r.id()).request();
    assertThat(stored.status()).isEqualTo(AccessRequest.Status.ENDED);
    assertThat(stored.ended().orElseThrow().reason()).isEqualTo(AccessRequest.EndReason.EXPIRED);
    assertThat(stored.ended().orElseThrow().at()).isEqualTo(T0.plus(Duration.ofHours(2)));
    assertThat(stored.phaseAt(clock.instant())).isEqualTo(AccessRequest.Phase.EXPIRED);
    AccessDecision last = grants.get(ACCOUNT, r.id()).history().get(2);
    assertThat(last.kind()).isEqualTo(AccessDecision.Kind.EXPIRED);
    assertThat(last.actorArn()).isEqualTo(GrantExpiry.ACTOR);
    assertThat(events).extracting(GrantEvent::kind).containsExactly(GrantEvent.Kind.EXPIRED);
    assertThat(events.get(0).request().id()).isEqualTo(r.id());
    assertThat(changed).containsExactly(LiveGrants.grantsKey(ACCOUNT));
    // The other grant still lets Stuart in; the expired one never again.
    assertThat(
            ((GrantCheck.Live) gate.check(as(stuart).principal(), role, clock.instant())).grantId())
        .isEqualTo(other.grant().orElseThrow().id());

    assertThat(expiry.sweep()).isEmpty();
    assertThat(events).hasSize(1);
    assertThatThrownBy(
            () -> grants.revoke(as(maria), ACCOUNT, r.grant().orElseThrow().id(), "too late"))
        .hasMessageContaining("is expired");
  }

  @Test
  void ofTwoNodesSweepingTheSameGrantOneWins() {
    AccessRequest r = approved(Duration.ofHours(1));
    clock.advance(Duration.ofHours(1));
    List<GrantEvent> otherEvents = new ArrayList<>();
    GrantExpiry otherNode =
        new GrantExpiry(store, clock, IamChangeListener.none(), otherEvents::add);
    // Both read the grant as due; the conditional update lets only the first mark it.
    AccessRequest due =
        store.read(tx -> tx.accessGrants().activeAccessRequestsEndedBy(clock.instant())).get(0);
    assertThat(otherNode.sweep()).hasSize(1);
    boolean updated =
        store.write(
            tx ->
                tx.accessGrants()
                    .updateAccessRequest(
                        due.endedAt(clock.instant(), AccessRequest.EndReason.EXPIRED),
                        AccessRequest.Status.ACTIVE));
    assertThat(updated).isFalse();
    assertThat(expiry.sweep()).isEmpty();
    assertThat(otherEvents).hasSize(1);
    assertThat(events).isEmpty();
    assertThat(grants.get(ACCOUNT, r.id()).history())
        .extracting(AccessDecision::kind)
        .containsExactly(
            AccessDecision.Kind.REQUESTED,
            AccessDecision.Kind.APPROVED,
            AccessDecision.Kind.EXPIRED);
  }

  @Test
  void revokedAndPendingRequestsAreNotSwept() {
    AccessRequest revoked = approved(Duration.ofHours(1));
    grants.revoke(as(maria), ACCOUNT, revoked.grant().orElseThrow().id(), "no");
    grants.request(as(stuart), role, Duration.ofHours(1), "later", "", Optional.empty());
    clock.advance(Duration.ofHours(5));
    assertThat(expiry.sweep()).isEmpty();
    assertThat(grants.get(ACCOUNT, revoked.id()).request().phaseAt(clock.instant()))
        .isEqualTo(AccessRequest.Phase.REVOKED);
  }
}
