package dev.gatehouse.console;

import dev.gatehouse.api.Caller;
import dev.gatehouse.api.InProcessCalls;
import java.util.Optional;

/**
 * Who the current request acts as: the signed-in identity, or the role session of Switch Role (its
 * token opened again for this request, so expiry and revocation apply at once).
 *
 * @param origin where the request comes from, with the sign-in's MFA keys for the identity
 */
public record Actor(
    Caller caller,
    InProcessCalls.Origin origin,
    ConsoleSession.Identity identity,
    Optional<ConsoleSession.RoleChoice> role) {

  /** The account the actor works in. */
  public String accountId() {
    return caller.principal().accountId();
  }

  public boolean inRole() {
    return role.isPresent();
  }
}
