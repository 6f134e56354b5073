package dev.gatehouse.core.grants;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for temporary access to a role, and once approved the grant it became. Stored with
 * every step of its history ({@link AccessDecision}).
 *
 * @param accountId the role's account
 * @param requesterId the requester's unique id ({@code AIDA...}): grants are matched on it at
 *     AssumeRole
 * @param requesterArn the requester's ARN, the source identity of sessions under the grant
 * @param reason why (empty when none was given)
 * @param ticket a ticket id (empty when none was given)
 * @param duration how long the grant should last once it starts
 * @param notBefore the earliest start the requester asked for
 * @param quorum the distinct approvals needed, copied from the role's policy at request time
 * @param singleUse copied from the role's policy at request time
 * @param breakGlass whether the requester approved it themselves under break-glass
 * @param grant present from approval on
 * @param ended how it ended, once {@link Status#ENDED} was stored (an active grant past its end is
 *     expired already, see {@link #phaseAt}; {@code GrantExpiry} stores it later)
 */
public record AccessRequest(
    String id,
    String accountId,
    String roleId,
    String roleArn,
    String requesterId,
    String requesterArn,
    String reason,
    String ticket,
    Duration duration,
    Optional<Instant> notBefore,
    Instant createdAt,
    Status status,
    int quorum,
    boolean singleUse,
    boolean breakGlass,
    Optional<AccessGrant> grant,
    Optional<Ending> ended) {

  /** The stored state. */
  public enum Status {
    PENDING,
    /** Approved: the grant exists (it may not have started, or may have run out). */
    ACTIVE,
    DENIED,
    /** Revoked or released before its end, or marked expired once its end passed. */
    ENDED
  }

  /** How a request or grant ended: before running out, or by running out ({@link #EXPIRED}). */
  public enum EndReason {
    REVOKED,
    RELEASED,
    /** Its end passed; written by {@code GrantExpiry}, after which the grant reads as expired. */
    EXPIRED
  }

  /** When and why it ended. */
  public record Ending(Instant at, EndReason reason) {
    public Ending {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** What a request is at a given time, as the API shows it. */
  public enum Phase {
    PENDING,
    /** Approved, starting later. */
    APPROVED,
    ACTIVE,
    DENIED,
    EXPIRED,
    REVOKED,
    RELEASED
  }

  public AccessRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(roleId, "roleId");
    Objects.requireNonNull(roleArn, "roleArn");
    Objects.requireNonNull(requesterId, "requesterId");
    Objects.requireNonNull(requesterArn, "requesterArn");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(ticket, "ticket");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(grant, "grant");
    Objects.requireNonNull(ended, "ended");
    if (status == Status.ACTIVE && grant.isEmpty()) {
      throw new IllegalArgumentException("an active request has its grant");
    }
    if (status == Status.ENDED && ended.isEmpty()) {
      throw new IllegalArgumentException("an ended request says how it ended");
    }
  }

  /** A new pending request. */
  public static AccessRequest pending(
      String id,
      RequestPolicy policy,
      String requesterId,
      String requesterArn,
      String reason,
      String ticket,
      Duration duration,
      Optional<Instant> notBefore,
      Instant now) {
    return new AccessRequest(
        id,
        policy.accountId(),
        policy.roleId(),
        policy.roleArn(),
        requesterId,
        requesterArn,
        reason,
        ticket,
        duration,
        notBefore,
        now,
        Status.PENDING,
        policy.quorum(),
        policy.singleUse(),
        false,
        Optional.empty(),
        Optional.empty());
  }

  /** The phase at {@code now}: an active grant past its end has expired. */
  public Phase phaseAt(Instant now) {
    return switch (status) {
      case PENDING -> Phase.PENDING;
      case DENIED -> Phase.DENIED;
      case ENDED ->
          switch (ended.orElseThrow().reason()) {
            case REVOKED -> Phase.REVOKED;
            case RELEASED -> Phase.RELEASED;
            case EXPIRED -> Phase.EXPIRED;
          };
      case ACTIVE -> grantPhase(grant.orElseThrow(), now);
    };
  }

  private static Phase grantPhase(AccessGrant g, Instant now) {
    if (!now.isBefore(g.end())) {
      return Phase.EXPIRED;
    }
    return now.isBefore(g.start()) ? Phase.APPROVED : Phase.ACTIVE;
  }

  /** True when its grant allows a new session at {@code now}. */
  public boolean allowsSessionAt(Instant now) {
    return phaseAt(now) == Phase.ACTIVE && !(singleUse && grant.orElseThrow().used());
  }

  /** This request approved: its grant from {@code start} for its duration. */
  public AccessRequest approved(String grantId, Instant start, boolean selfApproved) {
    return withState(
        Status.ACTIVE,
        selfApproved,
        Optional.of(new AccessGrant(grantId, start, start.plus(duration), false)),
        Optional.empty());
  }

  /** This request denied. */
  public AccessRequest denied() {
    return withState(Status.DENIED, breakGlass, grant, Optional.empty());
  }

  /** This request (or its grant) ended early. */
  public AccessRequest endedAt(Instant at, EndReason why) {
    return withState(Status.ENDED, breakGlass, grant, Optional.of(new Ending(at, why)));
  }

  /** This request with its grant replaced (extended, or its single use spent). */
  public AccessRequest withGrant(AccessGrant g) {
    return withState(status, breakGlass, Optional.of(g), ended);
  }

  private AccessRequest withState(
      Status s, boolean selfApproved, Optional<AccessGrant> g, Optional<Ending> e) {
    return new AccessRequest(
        id,
        accountId,
        roleId,
        roleArn,
        requesterId,
        requesterArn,
        reason,
        ticket,
        duration,
        notBefore,
        createdAt,
        s,
        quorum,
        singleUse,
        selfApproved,
        g,
        e);
  }
}
