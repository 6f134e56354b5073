package dev.gatehouse.core.authz;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.policy.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * What authorization decided, as a value: allowed, with what allowed it; or denied, with the
 * engine's outcome, the basis of the denial and the statements that decided it, and AWS's message.
 * Decisions are taken on these fields, never on the message; {@link #orThrow} is the one place that
 * turns a denial into AWS's AccessDenied error.
 */
public sealed interface AuthorizationResult {
  /** An allowed request. */
  record Allowed(Decision decision) implements AuthorizationResult {
    public Allowed {
      Objects.requireNonNull(decision, "decision");
    }
  }

  /**
   * A denied request.
   *
   * @param outcome implicitly or explicitly denied
   * @param basis why, as the engine (or the rule that refused before it) says
   * @param statements the statements that decided it (the explicit denies), described
   * @param message AWS's AccessDenied text, for the client
   */
  record Denied(Outcome outcome, Basis basis, List<String> statements, String message)
      implements AuthorizationResult {
    public Denied {
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(basis, "basis");
      statements = List.copyOf(statements);
      Objects.requireNonNull(message, "message");
      if (outcome == Outcome.ALLOWED) {
        throw new IllegalArgumentException("a denial cannot be allowed");
      }
    }

    /** A refusal by a rule that applies before any policy is read (root, session kinds). */
    public static Denied byRule(String message) {
      return new Denied(Outcome.IMPLICITLY_DENIED, Basis.RULE, List.of(), message);
    }

    /** AWS's AccessDenied error for this denial: the one place a denial becomes an error. */
    public GatehouseException toException() {
      return new GatehouseException(ErrorCode.ACCESS_DENIED, message);
    }
  }

  /** Why a request was denied. */
  enum Basis {
    /** A rule outside the policies refused it (AWS's fixed refusals). */
    RULE,
    /** An explicit deny in any policy. */
    EXPLICIT_DENY,
    /** No identity-based policy allows it. */
    NO_IDENTITY_POLICY_ALLOW,
    /** A resource-based policy (or a role's trust policy) was needed and none allows it. */
    NO_RESOURCE_POLICY_ALLOW,
    /** The permissions boundary does not allow it. */
    NO_PERMISSIONS_BOUNDARY_ALLOW,
    /** The session policy does not allow it. */
    NO_SESSION_POLICY_ALLOW,
    /** A service control policy does not allow it. */
    NO_SERVICE_CONTROL_POLICY_ALLOW;

    /** The basis of an engine decision that denied. */
    static Basis of(dev.gatehouse.policy.Decision.Basis engine) {
      return switch (engine) {
        case EXPLICIT_DENY -> EXPLICIT_DENY;
        case NO_IDENTITY_POLICY_ALLOW -> NO_IDENTITY_POLICY_ALLOW;
        case NO_RESOURCE_POLICY_ALLOW -> NO_RESOURCE_POLICY_ALLOW;
        case NO_PERMISSIONS_BOUNDARY_ALLOW -> NO_PERMISSIONS_BOUNDARY_ALLOW;
        case NO_SESSION_POLICY_ALLOW -> NO_SESSION_POLICY_ALLOW;
        case NO_SERVICE_CONTROL_POLICY_ALLOW -> NO_SERVICE_CONTROL_POLICY_ALLOW;
        default -> throw new IllegalArgumentException("not a denial: " + engine);
      };
    }
  }

  /**
   * The decision of an allowed request.
   *
   * @throws GatehouseException AccessDenied with AWS's message when denied
   */
  default Decision orThrow() {
    if (this instanceof Allowed allowed) {
      return allowed.decision();
    }
    throw ((Denied) this).toException();
  }

  default boolean allowed() {
    return this instanceof Allowed;
  }
}
