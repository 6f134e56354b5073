package dev.gatehouse.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.grants.AccessDecision;
import dev.gatehouse.core.grants.AccessRequest;
import dev.gatehouse.core.grants.RequestPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Contract: request policies, access requests, their grants and history (migration V10). */
public abstract class StoreContractAccessGrants extends StoreContractFixtures {

  /** Ids are unique in the whole store: each test's carry its account. */
  protected String id(String base) {
    return base + "-" + account;
  }

  protected RequestPolicy requestPolicy(Role role, List<String> approvers, int quorum) {
    return new RequestPolicy(
        account,
        role.id(),
        role.arn(),
        Duration.ofHours(4),
        approvers,
        quorum,
        true,
        false,
        true,
        false,
        true,
        false,
        T0);
  }

  protected AccessRequest pendingRequest(String id, RequestPolicy p, User requester) {
    return AccessRequest.pending(
        id,
        p,
        requester.id(),
        requester.arn(),
        "deploy, ticket OPS-123",
        "OPS-123",
        Duration.ofHours(2),
        Optional.of(T0.plusSeconds(60)),
        T0);
  }

  @Test
  void requestPoliciesAreStoredReplacedAndDeletedByRoleId() {
    Role role = createRole("Elevated");
    User maria = createUser("maria");
    RequestPolicy p =
        requestPolicy(role, List.of(maria.arn(), "arn:aws:iam::" + account + ":group/Admins"), 2);
    assertThat(reads().accessGrants().requestPolicy(role.id())).isEmpty();
    write(tx -> tx.accessGrants().putRequestPolicy(p));
    assertThat(reads().accessGrants().requestPolicy(role.id())).contains(p);
    RequestPolicy replaced = requestPolicy(role, List.of(), 1);
    write(tx -> tx.accessGrants().putRequestPolicy(replaced));
    assertThat(reads().accessGrants().requestPolicy(role.id())).contains(replaced);
    assertThat(writes().accessGrants().deleteRequestPolicy(role.id())).isTrue();
    assertThat(writes().accessGrants().deleteRequestPolicy(role.id())).isFalse();
    assertThat(reads().accessGrants().requestPolicy(role.id())).isEmpty();
  }

  @Test
  void requestsGoThroughTheirLifecycleAndKeepTheirHistory() {
    Role role = createRole("Elevated");
    User stuart = createUser("stuart");
    RequestPolicy p = requestPolicy(role, List.of(), 1);
    write(tx -> tx.accessGrants().putRequestPolicy(p));
    AccessRequest r = pendingRequest(id("ar-1"), p, stuart);
    write(tx -> tx.accessGrants().createAccessRequest(r));
    assertThat(reads().accessGrants().accessRequest(account, id("ar-1"))).contains(r);
    assertThat(reads().accessGrants().accessRequest(newAccount(), id("ar-1"))).isEmpty();
    assertThatThrownBy(() -> write(tx -> tx.accessGrants().createAccessRequest(r)))
        .isInstanceOf(StoreConflict.class);
    assertThat(reads().accessGrants().activeAccessRequests(role.id(), stuart.id())).isEmpty();

    AccessRequest approved = r.approved(id("ag-1"), T0.plusSeconds(60), true);
    assertThat(writes().accessGrants().updateAccessRequest(approved)).isTrue();
    assertThat(reads().accessGrants().accessRequest(account, id("ar-1"))).contains(approved);
    assertThat(reads().accessGrants().accessRequestByGrant(account, id("ag-1"))).contains(approved);
    assertThat(reads().accessGrants().accessRequestByGrant(account, id("ag-2"))).isEmpty();
    assertThat(reads().accessGrants().activeAccessRequests(role.id(), stuart.id()))
        .containsExactly(approved);
    assertThat(reads().accessGrants().activeAccessRequests(role.id(), "AIDAOTHER")).isEmpty();

    AccessRequest spent = approved.withGrant(approved.grant().orElseThrow().spent());
    write(tx -> tx.accessGrants().updateAccessRequest(spent));
    AccessRequest ended = spent.endedAt(T0.plusSeconds(120), AccessRequest.EndReason.REVOKED);
    write(tx -> tx.accessGrants().updateAccessRequest(ended));
    assertThat(reads().accessGrants().accessRequest(account, id("ar-1"))).contains(ended);
    assertThat(reads().accessGrants().activeAccessRequests(role.id(), stuart.id())).isEmpty();
    AccessRequest missing = pendingRequest(id("ar-none"), p, stuart);
    assertThat(writes().accessGrants().updateAccessRequest(missing)).isFalse();

    AccessDecision first =
        new AccessDecision(
            id("ar-1"), 1, T0, stuart.arn(), AccessDecision.Kind.REQUESTED, "why", "");
    AccessDecision second =
        new AccessDecision(
            id("ar-1"), 2, T0.plusSeconds(9), "arn:x", AccessDecision.Kind.EXTENDED, "", "+60s");
    write(tx -> tx.accessGrants().addAccessDecision(second));
    write(tx -> tx.accessGrants().addAccessDecision(first));
    assertThat(reads().accessGrants().accessDecisions(id("ar-1"))).containsExactly(first, second);
    assertThatThrownBy(() -> write(tx -> tx.accessGrants().addAccessDecision(first)))
        .isInstanceOf(StoreConflict.class);
    assertThat(reads().accessGrants().accessDecisions(id("ar-none"))).isEmpty();
  }

  @Test
  void anAccountsRequestsAreListedOldestFirst() {
    Role role = createRole("Elevated");
    User stuart = createUser("stuart");
    RequestPolicy p = requestPolicy(role, List.of(), 1);
    AccessRequest later =
        AccessRequest.pending(
            id("ar-a"),
            p,
            stuart.id(),
            stuart.arn(),
            "",
            "",
            Duration.ofHours(1),
            Optional.empty(),
            T0.plusSeconds(5));
    AccessRequest earlier = pendingRequest(id("ar-b"), p, stuart);
    write(tx -> tx.accessGrants().createAccessRequest(later));
    write(tx -> tx.accessGrants().createAccessRequest(earlier));
    assertThat(reads().accessGrants().accessRequests(account)).containsExactly(earlier, later);
    assertThat(reads().accessGrants().accessRequests(newAccount())).isEmpty();
  }

  @Test
  void aGrantIdIsUnique() {
    Role role = createRole("Elevated");
    User stuart = createUser("stuart");
    RequestPolicy p = requestPolicy(role, List.of(), 1);
    AccessRequest a = pendingRequest(id("ar-a"), p, stuart);
    AccessRequest b = pendingRequest(id("ar-b"), p, stuart);
    write(tx -> tx.accessGrants().createAccessRequest(a));
    write(tx -> tx.accessGrants().createAccessRequest(b));
    write(tx -> tx.accessGrants().updateAccessRequest(a.approved(id("ag-same"), T0, false)));
    assertThatThrownBy(
            () ->
                write(
                    tx ->
                        tx.accessGrants()
                            .updateAccessRequest(b.approved(id("ag-same"), T0, false))))
        .isInstanceOf(StoreConflict.class);
  }

  @Test
  void everyPolicyAndAnAccountsActiveGrantsAreReadAtOnce() {
    Role role = createRole("Elevated");
    Role other = createRole("Other");
    User stuart = createUser("stuart");
    RequestPolicy p = requestPolicy(role, List.of(), 1);
    RequestPolicy q = requestPolicy(other, List.of(), 1);
    write(tx -> tx.accessGrants().putRequestPolicy(p));
    write(tx -> tx.accessGrants().putRequestPolicy(q));
    assertThat(reads().accessGrants().requestPolicies()).contains(p, q);
    AccessRequest pending = pendingRequest(id("ar-p"), p, stuart);
    AccessRequest active = pendingRequest(id("ar-a"), q, stuart).approved(id("ag-a"), T0, false);
    write(tx -> tx.accessGrants().createAccessRequest(pending));
    write(tx -> tx.accessGrants().createAccessRequest(active));
    assertThat(reads().accessGrants().activeAccessRequests(account)).containsExactly(active);
    assertThat(reads().accessGrants().activeAccessRequests(newAccount())).isEmpty();
  }

  @Test
  void grantsPastTheirEndAreFoundAndMarkedByOneConditionalWriter() {
    Role role = createRole("Elevated");
    User stuart = createUser("stuart");
    RequestPolicy p = requestPolicy(role, List.of(), 1);
    AccessRequest shortOne =
        pendingRequest(id("ar-s"), p, stuart).approved(id("ag-s"), T0, false); // ends T0+2h
    AccessRequest later =
        pendingRequest(id("ar-l"), p, stuart)
            .approved(id("ag-l"), T0.plusSeconds(3600), false); // ends T0+3h
    write(tx -> tx.accessGrants().createAccessRequest(shortOne));
    write(tx -> tx.accessGrants().createAccessRequest(later));
    java.time.Instant end = T0.plus(Duration.ofHours(2));
    assertThat(ofThisAccount(end.minusSeconds(1))).isEmpty();
    assertThat(ofThisAccount(end)).containsExactly(shortOne);
    assertThat(ofThisAccount(end.plus(Duration.ofHours(1))))
        .containsExactlyInAnyOrder(shortOne, later);

    AccessRequest expired = shortOne.endedAt(end, AccessRequest.EndReason.EXPIRED);
    assertThat(writes().accessGrants().updateAccessRequest(expired, AccessRequest.Status.ACTIVE))
        .isTrue();
    assertThat(writes().accessGrants().updateAccessRequest(expired, AccessRequest.Status.ACTIVE))
        .isFalse();
    assertThat(reads().accessGrants().accessRequest(account, id("ar-s"))).contains(expired);
    assertThat(ofThisAccount(end)).isEmpty();
  }

  @Test
  void anAccountsWebhookIsStoredReplacedAndDeleted() {
    dev.gatehouse.core.grants.NotificationConfig c =
        new dev.gatehouse.core.grants.NotificationConfig(
            account,
            "https://hooks.example.com/a",
            "sealed-envelope",
            dev.gatehouse.core.grants.NotificationConfig.Format.SLACK,
            T0);
    assertThat(reads().accessGrants().notificationConfig(account)).isEmpty();
    write(tx -> tx.accessGrants().putNotificationConfig(c));
    assertThat(reads().accessGrants().notificationConfig(account)).contains(c);
    dev.gatehouse.core.grants.NotificationConfig replaced =
        new dev.gatehouse.core.grants.NotificationConfig(
            account,
            "https://hooks.example.com/b",
            "other-envelope",
            dev.gatehouse.core.grants.NotificationConfig.Format.JSON,
            T0.plusSeconds(1));
    write(tx -> tx.accessGrants().putNotificationConfig(replaced));
    assertThat(reads().accessGrants().notificationConfig(account)).contains(replaced);
    assertThat(writes().accessGrants().deleteNotificationConfig(account)).isTrue();
    assertThat(writes().accessGrants().deleteNotificationConfig(account)).isFalse();
    assertThat(reads().accessGrants().notificationConfig(account)).isEmpty();
  }

  private List<AccessRequest> ofThisAccount(java.time.Instant at) {
    return reads().accessGrants().activeAccessRequestsEndedBy(at).stream()
        .filter(r -> r.accountId().equals(account))
        .toList();
  }
}
