package dev.gatehouse.core.grants;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.sts.GrantCheck;
import dev.gatehouse.core.sts.RoleGrants;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The access grants STS checks at AssumeRole: a role with a request policy can be assumed only by
 * the requester of a grant for it that is live now (started, not ended, its single use unspent).
 * Among several live grants the one ending last is used.
 *
 * <p>Checked on every AssumeRole from this node's in-memory view ({@link LiveGrants}): a role
 * without a request policy costs a map lookup, one with a policy a second lookup; the store is read
 * again only after a reported change. Spending a single-use grant is a write, checked again in its
 * transaction.
 */
public final class GrantGate implements RoleGrants {
  private final Store store;
  private final Clock clock;
  private final LiveGrants live;

  /**
   * @param live the in-memory view; it must be told of the node's changes (its change listener)
   */
  public GrantGate(Store store, Clock clock, LiveGrants live) {
    this.store = store;
    this.clock = clock;
    this.live = live;
  }

  @Override
  public GrantCheck check(Principal caller, Role role, Instant now) {
    if (live.policy(role.id()).isEmpty()) {
      return new GrantCheck.NotRequired();
    }
    Optional<GrantActor.Person> person = new GrantActor(caller, false).person();
    if (person.isEmpty()) {
      return new GrantCheck.Missing(
          "Role "
              + role.arn()
              + " requires an access grant, which only IAM users hold; "
              + caller.arn()
              + " is not one.");
    }
    AccessRequest best = null;
    for (AccessRequest r : live.active(role.accountId(), role.id(), person.get().userId())) {
      if (r.allowsSessionAt(now)
          && (best == null
              || r.grant().orElseThrow().end().isAfter(best.grant().orElseThrow().end()))) {
        best = r;
      }
    }
    if (best == null) {
      return new GrantCheck.Missing(
          "Role "
              + role.arn()
              + " requires an access grant: "
              + caller.arn()
              + " has no live grant for it. Request access first.");
    }
    String arn = best.requesterArn();
    return new GrantCheck.Live(
        best.accountId(),
        best.grant().orElseThrow().id(),
        best.grant().orElseThrow().end(),
        best.reason(),
        arn.substring(arn.lastIndexOf('/') + 1),
        best.singleUse());
  }

  @Override
  public void issuing(GrantCheck.Live grant) {
    if (!grant.singleUse()) {
      return;
    }
    store.write(
        tx -> {
          AccessRequest r =
              tx.accessGrants()
                  .accessRequestByGrant(grant.accountId(), grant.grantId())
                  .orElseThrow(() -> spent(grant));
          AccessGrant g = r.grant().orElseThrow();
          if (g.used() || r.status() != AccessRequest.Status.ACTIVE) {
            throw spent(grant);
          }
          if (!tx.accessGrants()
              .updateAccessRequest(r.withGrant(g.spent()), AccessRequest.Status.ACTIVE)) {
            throw spent(grant);
          }
          int seq = tx.accessGrants().accessDecisions(r.id()).size() + 1;
          tx.accessGrants()
              .addAccessDecision(
                  new AccessDecision(
                      r.id(),
                      seq,
                      clock.instant().truncatedTo(ChronoUnit.SECONDS),
                      r.requesterArn(),
                      AccessDecision.Kind.USED,
                      "",
                      ""));
          return null;
        });
    // This node's view shows the use at once; another node's check may still offer the grant, and
    // the write above refuses it there.
    live.committed(LiveGrants.grantsKey(grant.accountId()));
  }

  private static GatehouseException spent(GrantCheck.Live grant) {
    return new GatehouseException(
        ErrorCode.ACCESS_DENIED,
        "Access grant " + grant.grantId() + " was single-use and has been used.");
  }
}
