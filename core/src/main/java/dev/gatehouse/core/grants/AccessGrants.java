package dev.gatehouse.core.grants;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamChangeListener;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import dev.gatehouse.core.sts.Revocations;
import dev.gatehouse.core.sts.SessionRevocation;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The lifecycle of access requests and grants (DESIGN.md decision 12): request, approve or deny,
 * extend, revoke, release. Each step checks its rules ({@link GrantRules}) and writes the request
 * and its history in one write transaction; ending a grant writes, in the same transaction, the
 * session revocation that ends every session issued under it, then announces it like {@link
 * dev.gatehouse.core.sts.SessionRevoker} does, so every node refuses those sessions. Changes to
 * request policies and grants are announced too ({@link LiveGrants}), so every node's AssumeRole
 * checks see them.
 */
public final class AccessGrants {
  private final Store store;
  private final Clock clock;
  private final SecureRandom random;
  private final IamChangeListener changes;
  private final GrantEvents events;

  public AccessGrants(
      Store store,
      Clock clock,
      SecureRandom random,
      IamChangeListener changes,
      GrantEvents events) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.changes = changes;
    this.events = events;
  }

  /** A request with its history. */
  public record Detail(AccessRequest request, List<AccessDecision> history) {}

  /** Creates or replaces the request policy of {@code role}. */
  public RequestPolicy putPolicy(Role role, RequestPolicy.Terms terms) {
    RequestPolicy p = terms.forRole(role, now());
    store.write(
        tx -> {
          tx.accessGrants().putRequestPolicy(p);
          return null;
        });
    changes.committed(LiveGrants.POLICIES_KEY);
    return p;
  }

  /** The request policy of {@code role}. */
  public RequestPolicy policy(Role role) {
    return store
        .read(tx -> tx.accessGrants().requestPolicy(role.id()))
        .orElseThrow(() -> noPolicy(role.arn()));
  }

  /** Deletes the request policy of {@code role}: it can be assumed without a grant again. */
  public void deletePolicy(Role role) {
    boolean deleted = store.write(tx -> tx.accessGrants().deleteRequestPolicy(role.id()));
    if (!deleted) {
      throw noPolicy(role.arn());
    }
    changes.committed(LiveGrants.POLICIES_KEY);
  }

  /** Requests {@code role} for {@code duration}, from approval (or {@code notBefore}) on. */
  public AccessRequest request(
      GrantActor actor,
      Role role,
      Duration duration,
      String reason,
      String ticket,
      Optional<Instant> notBefore) {
    Instant now = now();
    GrantActor.Person person =
        actor
            .person()
            .orElseThrow(
                () ->
                    GrantRules.denied(
                        "Access requests are made by IAM users; " + actor.arn() + " is not one."));
    AccessRequest created =
        store.write(
            tx -> {
              RequestPolicy policy =
                  tx.accessGrants()
                      .requestPolicy(role.id())
                      .orElseThrow(() -> noPolicy(role.arn()));
              GrantRules.checkRequest(policy, actor, duration, reason, ticket, notBefore, now);
              AccessRequest r =
                  AccessRequest.pending(
                      newId("ar-"),
                      policy,
                      person.userId(),
                      person.userArn(),
                      reason,
                      ticket,
                      duration,
                      notBefore,
                      now);
              tx.accessGrants().createAccessRequest(r);
              step(tx, r.id(), now, actor.arn(), AccessDecision.Kind.REQUESTED, reason, "");
              return r;
            });
    events.happened(new GrantEvent(GrantEvent.Kind.REQUESTED, created, actor.arn(), reason, now));
    return created;
  }

  /**
   * Approves a pending request. An approver's approval counts once; the grant starts when the
   * quorum of distinct approvers is reached. The requester cannot approve their own request, except
   * under the policy's break-glass with a comment, which approves it alone.
   */
  public Detail approve(GrantActor actor, String accountId, String requestId, String comment) {
    GrantRules.checkText("Comment", comment, GrantRules.MAX_TEXT);
    Instant now = now();
    Detail done =
        store.write(
            tx -> {
              AccessRequest r = pending(tx, accountId, requestId);
              RequestPolicy policy = livePolicy(tx, r);
              List<AccessDecision> history = tx.accessGrants().accessDecisions(r.id());
              if (GrantRules.isRequester(r, actor)) {
                if (!policy.breakGlass()) {
                  throw GrantRules.denied(
                      "A requester cannot approve their own request ("
                          + r.id()
                          + "); role "
                          + r.roleArn()
                          + " does not allow break-glass.");
                }
                if (comment.isBlank()) {
                  throw GrantRules.invalid(
                      "Break-glass self-approval of "
                          + r.id()
                          + " requires a Comment (the reason).");
                }
                checkMfa(policy, actor);
                AccessRequest approved = r.approved(newId("ag-"), start(r, now), true);
                tx.accessGrants().updateAccessRequest(approved);
                step(tx, r.id(), now, actor.arn(), AccessDecision.Kind.BREAK_GLASS, comment, "");
                return new Detail(approved, tx.accessGrants().accessDecisions(r.id()));
              }
              checkApprover(tx, policy, actor, r);
              checkMfa(policy, actor);
              if (GrantRules.approvers(history).contains(actor.arn())) {
                throw GrantRules.invalid(
                    actor.arn()
                        + " has already approved "
                        + r.id()
                        + "; approvals must come from "
                        + r.quorum()
                        + " different approvers.");
              }
              step(tx, r.id(), now, actor.arn(), AccessDecision.Kind.APPROVED, comment, "");
              List<AccessDecision> after = tx.accessGrants().accessDecisions(r.id());
              AccessRequest next = r;
              if (GrantRules.approvers(after).size() >= r.quorum()) {
                next = r.approved(newId("ag-"), start(r, now), false);
                tx.accessGrants().updateAccessRequest(next);
              }
              return new Detail(next, after);
            });
    AccessRequest r = done.request();
    if (r.status() == AccessRequest.Status.ACTIVE) {
      changes.committed(LiveGrants.grantsKey(accountId));
      events.happened(
          new GrantEvent(
              r.breakGlass() ? GrantEvent.Kind.BREAK_GLASS : GrantEvent.Kind.APPROVED,
              r,
              actor.arn(),
              comment,
              now));
    }
    return done;
  }

  /** Denies a pending request (an approver; or the requester, withdrawing it). */
  public AccessRequest deny(GrantActor actor, String accountId, String requestId, String comment) {
    GrantRules.checkText("Comment", comment, GrantRules.MAX_TEXT);
    Instant now = now();
    AccessRequest denied =
        store.write(
            tx -> {
              AccessRequest r = pending(tx, accountId, requestId);
              if (!GrantRules.isRequester(r, actor)) {
                checkApprover(tx, livePolicy(tx, r), actor, r);
              }
              AccessRequest d = r.denied();
              tx.accessGrants().updateAccessRequest(d);
              step(tx, r.id(), now, actor.arn(), AccessDecision.Kind.DENIED, comment, "");
              return d;
            });
    events.happened(new GrantEvent(GrantEvent.Kind.DENIED, denied, actor.arn(), comment, now));
    return denied;
  }

  /**
   * Revokes a grant before its end (whoever IAM allows: approvers, administrators); every session
   * issued under it is refused from now on.
   */
  public AccessRequest revoke(GrantActor actor, String accountId, String grantId, String comment) {
    return end(actor, accountId, grantId, comment, AccessRequest.EndReason.REVOKED);
  }

  /** The requester gives a grant back early; every session issued under it ends. */
  public AccessRequest release(GrantActor actor, String accountId, String grantId) {
    return end(actor, accountId, grantId, "", AccessRequest.EndReason.RELEASED);
  }

  /**
   * Extends a live grant by {@code more} (an approver; the grant's whole length stays within the
   * role's longest grant). Sessions issued under it keep working; new ones may last to the new end.
   */
  public AccessRequest extend(
      GrantActor actor, String accountId, String grantId, Duration more, String comment) {
    GrantRules.checkText("Comment", comment, GrantRules.MAX_TEXT);
    if (more.compareTo(Duration.ofMinutes(1)) < 0) {
      throw GrantRules.invalid("DurationSeconds of an extension must be at least 60.");
    }
    Instant now = now();
    AccessRequest extended =
        store.write(
            tx -> {
              AccessRequest r = live(tx, accountId, grantId, now);
              RequestPolicy policy = livePolicy(tx, r);
              if (GrantRules.isRequester(r, actor)) {
                throw GrantRules.denied(
                    "A requester cannot extend their own grant (" + grantId + ").");
              }
              checkApprover(tx, policy, actor, r);
              checkMfa(policy, actor);
              AccessGrant g = r.grant().orElseThrow();
              Instant newEnd = g.end().plus(more);
              if (Duration.between(g.start(), newEnd).compareTo(policy.maxDuration()) > 0) {
                throw GrantRules.invalid(
                    "Extending "
                        + grantId
                        + " by "
                        + more.toSeconds()
                        + " seconds exceeds the longest grant of role "
                        + r.roleArn()
                        + ": "
                        + policy.maxDuration().toSeconds()
                        + " seconds.");
              }
              AccessRequest e = r.withGrant(g.endingAt(newEnd));
              tx.accessGrants().updateAccessRequest(e);
              step(
                  tx,
                  r.id(),
                  now,
                  actor.arn(),
                  AccessDecision.Kind.EXTENDED,
                  comment,
                  "+" + more.toSeconds() + "s");
              return e;
            });
    changes.committed(LiveGrants.grantsKey(accountId));
    events.happened(new GrantEvent(GrantEvent.Kind.EXTENDED, extended, actor.arn(), comment, now));
    return extended;
  }

  /** A request of the account with its history. */
  public Detail get(String accountId, String requestId) {
    return store.read(
        tx -> {
          AccessRequest r =
              tx.accessGrants()
                  .accessRequest(accountId, requestId)
                  .orElseThrow(() -> noRequest(requestId));
          return new Detail(r, tx.accessGrants().accessDecisions(r.id()));
        });
  }

  /** The request whose grant has id {@code grantId}. */
  public Optional<AccessRequest> findGrant(String accountId, String grantId) {
    return store.read(tx -> tx.accessGrants().accessRequestByGrant(accountId, grantId));
  }

  /** The account's requests that {@code filter} keeps, oldest first, with their histories. */
  public List<Detail> list(String accountId, RequestFilter filter) {
    Instant now = now();
    return store.read(
        tx -> {
          List<Detail> out = new ArrayList<>();
          for (AccessRequest r : tx.accessGrants().accessRequests(accountId)) {
            if (filter.keeps(r, now)) {
              out.add(new Detail(r, tx.accessGrants().accessDecisions(r.id())));
            }
          }
          return out;
        });
  }

  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  private AccessRequest end(
      GrantActor actor,
      String accountId,
      String grantId,
      String comment,
      AccessRequest.EndReason why) {
    GrantRules.checkText("Comment", comment, GrantRules.MAX_TEXT);
    Instant now = now();
    AccessRequest ended =
        store.write(
            tx -> {
              AccessRequest r = grantOf(tx, accountId, grantId);
              AccessRequest.Phase phase = r.phaseAt(now);
              if (phase != AccessRequest.Phase.ACTIVE && phase != AccessRequest.Phase.APPROVED) {
                throw GrantRules.invalid(
                    "Grant "
                        + grantId
                        + " is "
                        + phase.name().toLowerCase(java.util.Locale.ROOT)
                        + "; only a live or upcoming grant can end early.");
              }
              if (why == AccessRequest.EndReason.RELEASED && !GrantRules.isRequester(r, actor)) {
                throw GrantRules.denied(
                    "Only the requester can give back grant " + grantId + "; revoke it instead.");
              }
              AccessRequest e = r.endedAt(now, why);
              tx.accessGrants().updateAccessRequest(e);
              step(
                  tx,
                  r.id(),
                  now,
                  actor.arn(),
                  why == AccessRequest.EndReason.REVOKED
                      ? AccessDecision.Kind.REVOKED
                      : AccessDecision.Kind.RELEASED,
                  comment,
                  "");
              tx.sessions()
                  .putSessionRevocation(
                      new SessionRevocation(SessionRevocation.Kind.GRANT, grantId, now));
              return e;
            });
    changes.committed(LiveGrants.grantsKey(accountId));
    changes.committed(Revocations.CHANGE_KEY);
    events.happened(
        new GrantEvent(
            why == AccessRequest.EndReason.REVOKED
                ? GrantEvent.Kind.REVOKED
                : GrantEvent.Kind.RELEASED,
            ended,
            actor.arn(),
            comment,
            now));
    return ended;
  }

  private static void step(
      WriteTransaction tx,
      String requestId,
      Instant at,
      String actor,
      AccessDecision.Kind kind,
      String comment,
      String detail) {
    int seq = tx.accessGrants().accessDecisions(requestId).size() + 1;
    tx.accessGrants()
        .addAccessDecision(new AccessDecision(requestId, seq, at, actor, kind, comment, detail));
  }

  private static AccessRequest pending(WriteTransaction tx, String accountId, String requestId) {
    AccessRequest r =
        tx.accessGrants()
            .accessRequest(accountId, requestId)
            .orElseThrow(() -> noRequest(requestId));
    if (r.status() != AccessRequest.Status.PENDING) {
      throw GrantRules.invalid(
          "Access request "
              + requestId
              + " is "
              + r.status().name().toLowerCase(java.util.Locale.ROOT)
              + "; only a pending request can be approved or denied.");
    }
    return r;
  }

  private static AccessRequest grantOf(WriteTransaction tx, String accountId, String grantId) {
    return tx.accessGrants()
        .accessRequestByGrant(accountId, grantId)
        .orElseThrow(
            () ->
                new GatehouseException(
                    ErrorCode.NO_SUCH_ENTITY, "The access grant " + grantId + " cannot be found."));
  }

  private static AccessRequest live(
      WriteTransaction tx, String accountId, String grantId, Instant now) {
    AccessRequest r = grantOf(tx, accountId, grantId);
    AccessRequest.Phase phase = r.phaseAt(now);
    if (phase != AccessRequest.Phase.ACTIVE && phase != AccessRequest.Phase.APPROVED) {
      throw GrantRules.invalid(
          "Grant "
              + grantId
              + " is "
              + phase.name().toLowerCase(java.util.Locale.ROOT)
              + "; only a live or upcoming grant can be extended.");
    }
    return r;
  }

  private static RequestPolicy livePolicy(WriteTransaction tx, AccessRequest r) {
    return tx.accessGrants().requestPolicy(r.roleId()).orElseThrow(() -> noPolicy(r.roleArn()));
  }

  private static void checkApprover(
      WriteTransaction tx, RequestPolicy policy, GrantActor actor, AccessRequest r) {
    List<String> groups = new ArrayList<>();
    if (actor.person().isPresent()) {
      for (Group g : tx.groups().groupsForUser(actor.person().get().userId())) {
        groups.add(g.arn());
      }
    }
    if (!GrantRules.isApprover(policy, actor, groups)) {
      throw GrantRules.denied(
          actor.arn() + " is not an approver of access requests for role " + r.roleArn() + ".");
    }
  }

  private static void checkMfa(RequestPolicy policy, GrantActor actor) {
    if (policy.mfaToApprove() && !actor.mfa()) {
      throw GrantRules.denied(
          "Role " + policy.roleArn() + " requires MFA to approve access; sign in with MFA first.");
    }
  }

  private static Instant start(AccessRequest r, Instant now) {
    return r.notBefore().filter(t -> t.isAfter(now)).orElse(now);
  }

  private String newId(String prefix) {
    byte[] b = new byte[10];
    random.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }

  private static GatehouseException noPolicy(String roleArn) {
    return new GatehouseException(
        ErrorCode.NO_SUCH_ENTITY,
        "Role " + roleArn + " has no request policy: it takes no access requests.");
  }

  private static GatehouseException noRequest(String requestId) {
    return new GatehouseException(
        ErrorCode.NO_SUCH_ENTITY, "The access request " + requestId + " cannot be found.");
  }
}
