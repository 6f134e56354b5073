package dev.gatehouse.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.SessionClaims;
import dev.gatehouse.core.sts.SessionTag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Switch Role shows of access grants: the live grant a role session was issued under (its id
 * is the session tag STS sealed into the token) in the header while it lasts, and, when Switch Role
 * is refused for a role that requires a grant and the identity holds no live one, the explanation
 * with the link to request access.
 */
final class SwitchRoleGrants {
  private SwitchRoleGrants() {}

  /** The id of the access grant the acting role session was issued under, if any. */
  static Optional<String> grantId(Actor actor) {
    if (actor.role().isPresent() && actor.caller().principal() instanceof Principal.Session s) {
      return grantId(s.claims());
    }
    return Optional.empty();
  }

  static Optional<String> grantId(SessionClaims claims) {
    for (SessionTag t : claims.tags()) {
      if (t.key().equals(SessionClaims.GRANT_ID_TAG)) {
        return Optional.of(t.value());
      }
    }
    return Optional.empty();
  }

  /**
   * The header's line about the grant: role, grant id and time left (until the grant's end read at
   * Switch Role, else until the session's own end, which is never later).
   */
  static void banner(Visit visit, Html h) {
    Actor actor = visit.actor();
    Optional<String> grant = grantId(actor);
    if (grant.isEmpty()) {
      return;
    }
    SessionClaims claims = ((Principal.Session) actor.caller().principal()).claims();
    Instant end =
        visit
            .session()
            .role()
            .flatMap(ConsoleSession.RoleSession::grantEnd)
            .orElse(claims.expiresAt());
    h.text(" ")
        .element(
            "span",
            "Access grant "
                + grant.get()
                + ": "
                + GrantCalls.left(visit.console().clock().instant(), end)
                + ".",
            "class",
            "grant-note",
            "data-testid",
            "role-grant");
  }

  /**
   * When a role session was just issued under a grant: that grant's end (as the identity reads it
   * with ListAccessRequests); empty for a session without a grant or when it cannot be read.
   */
  static Optional<Instant> endAtSwitch(
      Visit v, String accessKeyId, String sessionToken, String roleArn) {
    SessionClaims claims;
    try {
      claims =
          v.console()
              .backend()
              .openRoleSession(sessionToken, accessKeyId, v.console().clock().instant());
    } catch (GatehouseException e) {
      return Optional.empty();
    }
    return grantId(claims).flatMap(id -> GrantCalls.grantEnd(v, roleArn, id));
  }

  /**
   * Why Switch Role was refused, when the role is in the identity's account, requires an access
   * grant (it has a request policy the identity can read) and the identity holds no live grant for
   * it: the explanation and the link to request access. Empty otherwise (the API's error says the
   * rest).
   */
  static Optional<Html> refusal(Visit v, String accountId, String roleName) {
    ConsoleSession.Identity identity = v.actor().identity();
    if (!accountId.equals(identity.principal().accountId())) {
      return Optional.empty();
    }
    Optional<JsonNode> policy = GrantCalls.policy(v, roleName);
    if (policy.isEmpty()) {
      return Optional.empty();
    }
    String roleArn = policy.get().path("roleArn").asText();
    boolean known;
    try {
      List<JsonNode> live = GrantCalls.mine(v, Map.of("RoleArn", roleArn, "Status", "ACTIVE"));
      if (!live.isEmpty()) {
        return Optional.empty();
      }
      known = true;
    } catch (GatehouseException e) {
      known = false;
    }
    Html h = new Html();
    h.open("div", "class", "flash flash-info", "role", "status", "data-testid", "no-live-grant");
    h.element(
        "strong",
        known
            ? "No live grant for this role - request access."
            : "This role requires a live access grant - request access.");
    h.text(
        " "
            + roleName
            + " can be assumed only under an approved access grant; "
            + (known ? "you hold none that is active now. " : "")
            + "Request access, and switch again once it is approved. ");
    h.link(GrantCalls.requestPath(roleName), "Request access", "class", "button primary");
    h.close("div");
    return Optional.of(h);
  }
}
