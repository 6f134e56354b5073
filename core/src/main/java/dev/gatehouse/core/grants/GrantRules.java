package dev.gatehouse.core.grants;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of access requests, pure: what a request must carry, who may approve, when the quorum
 * is reached. {@link AccessGrants} applies them inside the write transaction that stores the step.
 */
public final class GrantRules {
  /** The longest reason or comment kept. */
  public static final int MAX_TEXT = 1000;

  /** The longest ticket id. */
  public static final int MAX_TICKET = 128;

  /** How far ahead a request may ask its grant to start. */
  public static final Duration MAX_START_AHEAD = Duration.ofDays(30);

  private GrantRules() {}

  /** A new request's parameters against the role's policy. */
  public static void checkRequest(
      RequestPolicy policy,
      GrantActor actor,
      Duration duration,
      String reason,
      String ticket,
      Optional<Instant> notBefore,
      Instant now) {
    if (duration.compareTo(RequestPolicy.MIN_DURATION) < 0) {
      throw invalid(
          "DurationSeconds must be at least " + RequestPolicy.MIN_DURATION.toSeconds() + ".");
    }
    if (duration.compareTo(policy.maxDuration()) > 0) {
      throw invalid(
          "DurationSeconds "
              + duration.toSeconds()
              + " exceeds the longest grant of role "
              + policy.roleArn()
              + ": "
              + policy.maxDuration().toSeconds()
              + " seconds.");
    }
    checkText("Reason", reason, MAX_TEXT);
    checkText("TicketId", ticket, MAX_TICKET);
    if (policy.reasonRequired() && reason.isBlank()) {
      throw invalid("Role " + policy.roleArn() + " requires a Reason for access requests.");
    }
    if (policy.ticketRequired() && ticket.isBlank()) {
      throw invalid("Role " + policy.roleArn() + " requires a TicketId for access requests.");
    }
    if (policy.mfaToRequest() && !actor.mfa()) {
      throw denied(
          "Role " + policy.roleArn() + " requires MFA to request access; sign in with MFA first.");
    }
    if (notBefore.isPresent() && notBefore.get().isAfter(now.plus(MAX_START_AHEAD))) {
      throw invalid("StartTime is more than " + MAX_START_AHEAD.toDays() + " days ahead.");
    }
  }

  /**
   * Whether {@code actor} is one of the policy's approvers: named as a user, a member of a named
   * group (by the group ARNs given), or in a session of a named role.
   */
  public static boolean isApprover(RequestPolicy policy, GrantActor actor, List<String> groupArns) {
    for (String a : policy.approvers()) {
      if (actor.person().isPresent() && a.equals(actor.person().get().userArn())) {
        return true;
      }
      if (groupArns.contains(a)) {
        return true;
      }
      if (actor.roleArn().isPresent() && a.equals(actor.roleArn().get())) {
        return true;
      }
    }
    return false;
  }

  /** The distinct approvers so far (actors of APPROVED steps). */
  public static Set<String> approvers(List<AccessDecision> history) {
    Set<String> out = new HashSet<>();
    for (AccessDecision d : history) {
      if (d.kind() == AccessDecision.Kind.APPROVED) {
        out.add(d.actorArn());
      }
    }
    return out;
  }

  /** Whether {@code actor} made {@code request}. */
  public static boolean isRequester(AccessRequest request, GrantActor actor) {
    return actor.person().filter(p -> p.userId().equals(request.requesterId())).isPresent();
  }

  static void checkText(String name, String value, int max) {
    if (value.length() > max) {
      throw invalid(name + " is longer than " + max + " characters.");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t') {
        throw invalid(name + " contains a control character at position " + i + ".");
      }
    }
  }

  static GatehouseException invalid(String message) {
    return new GatehouseException(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }

  static GatehouseException denied(String message) {
    return new GatehouseException(ErrorCode.ACCESS_DENIED, message);
  }
}
