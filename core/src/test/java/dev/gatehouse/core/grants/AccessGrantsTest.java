package dev.gatehouse.core.grants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.Account;
import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.MemoryStore;
import dev.gatehouse.core.sts.GrantCheck;
import dev.gatehouse.core.sts.Revocations;
import dev.gatehouse.core.sts.SessionRevocation;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle's rules, each shown refusing, on the memory store. */
class AccessGrantsTest {
  static final String ACCOUNT = "123456789012";
  static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  final MemoryStore store = new MemoryStore();
  final FixedClock clock = new FixedClock();
  final List<GrantEvent> events = new ArrayList<>();
  final List<String> changed = new ArrayList<>();
  final LiveGrants live = new LiveGrants(store);
  final AccessGrants grants =
      new AccessGrants(
          store,
          clock,
          new SecureRandom(),
          (IamChangeListener)
              key -> {
                changed.add(key);
                live.committed(key);
              },
          events::add);
  final GrantGate gate = new GrantGate(store, clock, live);

  /** A clock that moves only when told. */
  static final class FixedClock extends java.time.Clock {
    private Instant now = T0;

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  Role role;
  User stuart;
  User maria;
  User bob;
  User eve;
  Group admins;

  @BeforeEach
  void setUp() {
    role =
        new Role(ACCOUNT, "RoleS3FullAccess", "AROAEXAMPLEROLE00001", "/", T0, "", 3600, "{}", "");
    stuart = new User(ACCOUNT, "Stuart", "AIDASTUART0000000001", "/", T0, "");
    maria = new User(ACCOUNT, "Maria", "AIDAMARIA00000000001", "/", T0, "");
    bob = new User(ACCOUNT, "Bob", "AIDABOB0000000000001", "/", T0, "");
    eve = new User(ACCOUNT, "Eve", "AIDAEVE0000000000001", "/", T0, "");
    admins = new Group(ACCOUNT, "Admins", "AGPAADMINS0000000001", "/", T0);
    store.write(
        tx -> {
          tx.accounts().createAccount(new Account(ACCOUNT, T0));
          tx.roles().createRole(role);
          for (User u : List.of(stuart, maria, bob, eve)) {
            tx.users().createUser(u);
          }
          tx.groups().createGroup(admins);
          tx.groups().addUserToGroup(bob.id(), admins.id());
          return null;
        });
  }

  RequestPolicy.Terms terms(int quorum, boolean breakGlass, boolean singleUse) {
    return new RequestPolicy.Terms(
        Duration.ofHours(4),
        List.of(maria.arn(), admins.arn()),
        quorum,
        false,
        false,
        true,
        false,
        breakGlass,
        singleUse);
  }

  static GrantActor actor(User u) {
    return new GrantActor(new Principal.User(ACCOUNT, u.name(), "/", u.id()), false);
  }

  AccessRequest ask(Duration d) {
    return grants.request(actor(stuart), role, d, "OPS-123 deploy", "", Optional.empty());
  }

  @Test
  void aRoleWithoutPolicyNeedsNoGrantAndTakesNoRequest() {
    assertThat(gate.check(actor(stuart).principal(), role, T0))
        .isInstanceOf(GrantCheck.NotRequired.class);
    assertThatThrownBy(() -> ask(Duration.ofHours(2))).hasMessageContaining("no request policy");
  }

  @Test
  void approvalStartsTheClockAndTheGateThenAllows() {
    grants.putPolicy(role, terms(1, false, false));
    assertThat(gate.check(actor(stuart).principal(), role, T0))
        .isInstanceOf(GrantCheck.Missing.class);
    AccessRequest r = ask(Duration.ofHours(2));
    assertThat(r.phaseAt(T0)).isEqualTo(AccessRequest.Phase.PENDING);
    clock.advance(Duration.ofMinutes(30));
    AccessRequest approved = grants.approve(actor(maria), ACCOUNT, r.id(), "ok").request();
    assertThat(approved.grant().orElseThrow().start()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(approved.grant().orElseThrow().end()).isEqualTo(T0.plus(Duration.ofMinutes(150)));
    GrantCheck live = gate.check(actor(stuart).principal(), role, clock.instant());
    assertThat(live).isInstanceOf(GrantCheck.Live.class);
    assertThat(((GrantCheck.Live) live).requesterName()).isEqualTo("Stuart");
    assertThat(gate.check(actor(maria).principal(), role, clock.instant()))
        .isInstanceOf(GrantCheck.Missing.class);
    assertThat(gate.check(actor(stuart).principal(), role, T0.plus(Duration.ofMinutes(150))))
        .isInstanceOf(GrantCheck.Missing.class);
    assertThat(events)
        .extracting(GrantEvent::kind)
        .containsExactly(GrantEvent.Kind.REQUESTED, GrantEvent.Kind.APPROVED);
    assertThat(grants.get(ACCOUNT, r.id()).history())
        .extracting(AccessDecision::kind)
        .containsExactly(AccessDecision.Kind.REQUESTED, AccessDecision.Kind.APPROVED);
  }

  @Test
  void requestsAreCheckedAgainstThePolicy() {
    grants.putPolicy(role, terms(1, false, false));
    assertThatThrownBy(() -> ask(Duration.ofHours(5))).hasMessageContaining("exceeds the longest");
    assertThatThrownBy(() -> ask(Duration.ofMinutes(5))).hasMessageContaining("at least 900");
    assertThatThrownBy(
            () ->
                grants.request(actor(stuart), role, Duration.ofHours(1), " ", "", Optional.empty()))
        .hasMessageContaining("requires a Reason");
    GrantActor roleSession = new GrantActor(new Principal.Root(ACCOUNT), false);
    assertThatThrownBy(
            () ->
                grants.request(roleSession, role, Duration.ofHours(1), "why", "", Optional.empty()))
        .hasMessageContaining("made by IAM users");
  }

  @Test
  void aRequesterNeverApprovesTheirOwnRequestWithoutBreakGlass() {
    grants.putPolicy(role, terms(1, false, false));
    AccessRequest r = ask(Duration.ofHours(2));
    assertThatThrownBy(() -> grants.approve(actor(stuart), ACCOUNT, r.id(), "me"))
        .isInstanceOf(GatehouseException.class)
        .hasMessageContaining("cannot approve their own");
    assertThatThrownBy(() -> grants.approve(actor(eve), ACCOUNT, r.id(), "me"))
        .hasMessageContaining("is not an approver");
    assertThat(grants.get(ACCOUNT, r.id()).request().status())
        .isEqualTo(AccessRequest.Status.PENDING);
  }

  @Test
  void breakGlassNeedsAReasonAndIsFlagged() {
    grants.putPolicy(role, terms(2, true, false));
    AccessRequest r = ask(Duration.ofHours(1));
    assertThatThrownBy(() -> grants.approve(actor(stuart), ACCOUNT, r.id(), " "))
        .hasMessageContaining("requires a Comment");
    AccessRequest done =
        grants.approve(actor(stuart), ACCOUNT, r.id(), "prod down, INC-9").request();
    assertThat(done.breakGlass()).isTrue();
    assertThat(done.status()).isEqualTo(AccessRequest.Status.ACTIVE);
    assertThat(events.get(events.size() - 1).kind()).isEqualTo(GrantEvent.Kind.BREAK_GLASS);
  }

  @Test
  void aQuorumOfTwoNeedsTwoDistinctApproversOneOfThemThroughAGroup() {
    grants.putPolicy(role, terms(2, false, false));
    AccessRequest r = ask(Duration.ofHours(1));
    assertThat(grants.approve(actor(maria), ACCOUNT, r.id(), "").request().status())
        .isEqualTo(AccessRequest.Status.PENDING);
    assertThatThrownBy(() -> grants.approve(actor(maria), ACCOUNT, r.id(), ""))
        .hasMessageContaining("already approved");
    assertThat(grants.approve(actor(bob), ACCOUNT, r.id(), "").request().status())
        .isEqualTo(AccessRequest.Status.ACTIVE);
    assertThatThrownBy(() -> grants.approve(actor(bob), ACCOUNT, r.id(), ""))
        .hasMessageContaining("only a pending request");
  }

  @Test
  void denialEndsTheRequestAndOnlyApproversOrTheRequesterDeny() {
    grants.putPolicy(role, terms(1, false, false));
    AccessRequest r = ask(Duration.ofHours(1));
    assertThatThrownBy(() -> grants.deny(actor(eve), ACCOUNT, r.id(), "no"))
        .hasMessageContaining("is not an approver");
    assertThat(grants.deny(actor(maria), ACCOUNT, r.id(), "no").phaseAt(T0))
        .isEqualTo(AccessRequest.Phase.DENIED);
    assertThat(grants.list(ACCOUNT, RequestFilter.all())).hasSize(1);
    assertThat(
            grants.list(
                ACCOUNT,
                new RequestFilter(
                    Optional.empty(),
                    Optional.of(stuart.arn()),
                    Optional.of(AccessRequest.Phase.PENDING),
                    Optional.empty())))
        .isEmpty();
  }

  @Test
  void revokingEndsTheGrantAndRevokesItsSessionsInTheSameWrite() {
    grants.putPolicy(role, terms(1, false, false));
    AccessRequest r = ask(Duration.ofHours(2));
    String grantId =
        grants.approve(actor(maria), ACCOUNT, r.id(), "").request().grant().orElseThrow().id();
    assertThatThrownBy(() -> grants.release(actor(maria), ACCOUNT, grantId))
        .hasMessageContaining("Only the requester");
    AccessRequest revoked = grants.revoke(actor(maria), ACCOUNT, grantId, "done");
    assertThat(revoked.phaseAt(clock.instant())).isEqualTo(AccessRequest.Phase.REVOKED);
    List<SessionRevocation> revocations = store.read(tx -> tx.sessions().sessionRevocations());
    assertThat(revocations)
        .extracting(SessionRevocation::kind, SessionRevocation::id)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(SessionRevocation.Kind.GRANT, grantId));
    assertThat(changed)
        .containsExactly(
            LiveGrants.POLICIES_KEY,
            LiveGrants.grantsKey(ACCOUNT),
            LiveGrants.grantsKey(ACCOUNT),
            Revocations.CHANGE_KEY);
    assertThat(gate.check(actor(stuart).principal(), role, clock.instant()))
        .isInstanceOf(GrantCheck.Missing.class);
    assertThatThrownBy(() -> grants.revoke(actor(maria), ACCOUNT, grantId, "again"))
        .hasMessageContaining("is revoked");
  }

  @Test
  void theRequesterGivesAGrantBack() {
    grants.putPolicy(role, terms(1, false, false));
    AccessRequest r = ask(Duration.ofHours(2));
    String grantId =
        grants.approve(actor(maria), ACCOUNT, r.id(), "").request().grant().orElseThrow().id();
    assertThat(grants.release(actor(stuart), ACCOUNT, grantId).phaseAt(clock.instant()))
        .isEqualTo(AccessRequest.Phase.RELEASED);
  }

  @Test
  void extensionMovesTheEndWithinTheLongestGrant() {
    grants.putPolicy(role, terms(1, false, false));
    AccessRequest r = ask(Duration.ofHours(2));
    AccessGrant g =
        grants.approve(actor(maria), ACCOUNT, r.id(), "").request().grant().orElseThrow();
    assertThatThrownBy(
            () -> grants.extend(actor(stuart), ACCOUNT, g.id(), Duration.ofHours(1), "more"))
        .hasMessageContaining("cannot extend their own");
    assertThatThrownBy(
            () -> grants.extend(actor(maria), ACCOUNT, g.id(), Duration.ofHours(3), "more"))
        .hasMessageContaining("exceeds the longest");
    AccessRequest e = grants.extend(actor(maria), ACCOUNT, g.id(), Duration.ofHours(1), "more");
    assertThat(e.grant().orElseThrow().end()).isEqualTo(g.end().plus(Duration.ofHours(1)));
    clock.advance(Duration.ofHours(4));
    assertThat(grants.get(ACCOUNT, r.id()).request().phaseAt(clock.instant()))
        .isEqualTo(AccessRequest.Phase.EXPIRED);
    assertThatThrownBy(
            () -> grants.extend(actor(maria), ACCOUNT, g.id(), Duration.ofHours(1), "more"))
        .hasMessageContaining("is expired");
  }

  @Test
  void aSingleUseGrantAllowsOneSession() {
    grants.putPolicy(role, terms(1, false, true));
    AccessRequest r = ask(Duration.ofHours(2));
    grants.approve(actor(maria), ACCOUNT, r.id(), "");
    GrantCheck.Live live =
        (GrantCheck.Live) gate.check(actor(stuart).principal(), role, clock.instant());
    gate.issuing(live);
    assertThat(gate.check(actor(stuart).principal(), role, clock.instant()))
        .isInstanceOf(GrantCheck.Missing.class);
    assertThatThrownBy(() -> gate.issuing(live)).hasMessageContaining("single-use");
  }

  @Test
  void aGrantCanStartLater() {
    grants.putPolicy(role, terms(1, false, false));
    AccessRequest r =
        grants.request(
            actor(stuart),
            role,
            Duration.ofHours(1),
            "why",
            "",
            Optional.of(T0.plus(Duration.ofHours(3))));
    AccessRequest a = grants.approve(actor(maria), ACCOUNT, r.id(), "").request();
    assertThat(a.phaseAt(T0)).isEqualTo(AccessRequest.Phase.APPROVED);
    assertThat(gate.check(actor(stuart).principal(), role, T0))
        .isInstanceOf(GrantCheck.Missing.class);
    assertThat(gate.check(actor(stuart).principal(), role, T0.plus(Duration.ofHours(3))))
        .isInstanceOf(GrantCheck.Live.class);
  }

  @Test
  void policiesAreValidated() {
    assertThatThrownBy(
            () ->
                grants.putPolicy(
                    role,
                    new RequestPolicy.Terms(
                        Duration.ofHours(1),
                        List.of("bob"),
                        1,
                        false,
                        false,
                        false,
                        false,
                        false,
                        false)))
        .hasMessageContaining("is not the ARN");
    assertThatThrownBy(
            () ->
                grants.putPolicy(
                    role,
                    new RequestPolicy.Terms(
                        Duration.ofHours(1),
                        List.of(),
                        1,
                        false,
                        false,
                        false,
                        false,
                        false,
                        false)))
        .hasMessageContaining("at least one approver");
    assertThatThrownBy(() -> grants.policy(role)).hasMessageContaining("no request policy");
    grants.putPolicy(role, terms(1, false, false));
    assertThat(grants.policy(role).quorum()).isEqualTo(1);
    grants.deletePolicy(role);
    assertThatThrownBy(() -> grants.deletePolicy(role)).hasMessageContaining("no request policy");
  }
}
