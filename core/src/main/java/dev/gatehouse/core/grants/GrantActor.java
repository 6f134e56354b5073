package dev.gatehouse.core.grants;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.sts.SessionPrincipal;
import java.util.Objects;
import java.util.Optional;

/**
 * Who acts on an access request, and whether they used MFA.
 *
 * @param principal the authenticated caller
 * @param mfa whether MFA was used for the caller's session or console sign-in
 */
public record GrantActor(Principal principal, boolean mfa) {
  public GrantActor {
    Objects.requireNonNull(principal, "principal");
  }

  /** An IAM user behind the call: with long-term keys, or in a session of their own. */
  public record Person(String userId, String userArn) {}

  /**
   * The IAM user acting, when the caller is one (directly, or through a GetSessionToken session).
   * Requests are made by IAM users; roles, federated users and the root user make none.
   */
  public Optional<Person> person() {
    if (principal instanceof Principal.User u) {
      return Optional.of(new Person(u.userId(), u.arn()));
    }
    if (principal instanceof Principal.Session s
        && s.claims().principal() instanceof SessionPrincipal.UserSession u
        && !u.isRoot()) {
      return Optional.of(new Person(u.userId(), u.userArn()));
    }
    return Optional.empty();
  }

  /** The role ARN of a role session (the approver a role ARN in a policy names). */
  public Optional<String> roleArn() {
    if (principal instanceof Principal.Session s
        && s.claims().principal() instanceof SessionPrincipal.AssumedRole r) {
      return Optional.of(r.roleArn());
    }
    return Optional.empty();
  }

  /** The ARN the history records. */
  public String arn() {
    return principal.arn();
  }
}
