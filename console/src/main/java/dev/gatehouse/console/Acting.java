package dev.gatehouse.console;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.InProcessCalls;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.MfaFacts;
import dev.gatehouse.core.sts.SessionClaims;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a signed-in session into the {@link Actor} of one request. In role mode the session token
 * is opened with the same {@code SessionTokens} SigV4 uses, on every request: an expired or revoked
 * role session ends role mode and the user is back to their own identity.
 */
final class Acting {
  /** The user agent of the console's audit records. */
  static final String USER_AGENT = "gatehouse-console";

  /** The region the console's calls are recorded in (IAM's). */
  static final String REGION = "us-east-1";

  private final ConsoleBackend backend;
  private final Clock clock;

  Acting(ConsoleBackend backend, Clock clock) {
    this.backend = backend;
    this.clock = clock;
  }

  sealed interface Outcome {
    record Acts(Actor actor) implements Outcome {}

    /** Role mode ended on its own (expired, revoked); the message says so. */
    record Ended(String message) implements Outcome {}
  }

  Outcome actor(ConsoleSession session, ConsoleRequest request) {
    ConsoleSession.Identity identity = session.identity().orElseThrow();
    Instant now = clock.instant();
    Optional<ConsoleSession.RoleSession> role = session.role();
    if (role.isEmpty()) {
      Caller caller = new Caller(identity.principal(), "", REGION, "iam");
      InProcessCalls.Origin origin =
          new InProcessCalls.Origin(
              request.sourceIp(), request.secure(), USER_AGENT, signInKeys(identity.mfa(), now));
      return new Outcome.Acts(new Actor(caller, origin, identity, Optional.empty()));
    }
    ConsoleSession.RoleSession r = role.get();
    SessionClaims claims;
    try {
      claims = backend.openRoleSession(r.sessionToken(), r.accessKeyId(), now);
    } catch (GatehouseException e) {
      session.switchBack();
      String what =
          "Your session as role " + r.choice().roleName() + " in account " + r.choice().accountId();
      return new Outcome.Ended(
          e.code() == ErrorCode.EXPIRED_TOKEN
              ? what
                  + " has expired. You are back to your own permissions as "
                  + identity.displayName()
                  + "."
              : what
                  + " is no longer valid (it was revoked). You are back to your own permissions as "
                  + identity.displayName()
                  + ".");
    }
    Caller caller = new Caller(new Principal.Session(claims), r.accessKeyId(), REGION, "iam");
    InProcessCalls.Origin origin =
        new InProcessCalls.Origin(request.sourceIp(), request.secure(), USER_AGENT, Map.of());
    return new Outcome.Acts(new Actor(caller, origin, identity, Optional.of(r.choice())));
  }

  /**
   * The MFA keys of a console sign-in (the console's own session is temporary, so the keys are
   * present: {@code aws:MultiFactorAuthPresent} true with the age since the code, or false).
   */
  static Map<String, List<String>> signInKeys(MfaFacts mfa, Instant now) {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    keys.put("aws:MultiFactorAuthPresent", List.of(Boolean.toString(mfa.isPresent())));
    mfa.authTime()
        .ifPresent(
            at ->
                keys.put(
                    "aws:MultiFactorAuthAge",
                    List.of(Long.toString(Math.max(0, Duration.between(at, now).toSeconds())))));
    return keys;
  }
}
