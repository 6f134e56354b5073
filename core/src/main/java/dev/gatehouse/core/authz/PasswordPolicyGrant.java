package dev.gatehouse.core.authz;

import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The account-level permission a password policy with AllowUsersToChangePassword gives.
 *
 * <p>spec: PasswordPolicy.AllowUsersToChangePassword: "Gives IAM users permissions to
 * iam:ChangePassword for only their user and to the iam:GetAccountPasswordPolicy action. This
 * option does not attach a permissions policy to each user, rather the permissions are applied at
 * the account-level for all users by IAM." It fills in where no identity-based policy allows those
 * two actions; an explicit deny, a permissions boundary or a session policy that refuses still
 * refuses.
 */
public final class PasswordPolicyGrant implements Authorizer {
  public static final String REASON = "AllowUsersToChangePassword";
  private static final String NO_IDENTITY_ALLOW = "because no identity-based policy allows";

  private final Authorizer next;
  private final Function<String, Optional<PasswordPolicy>> policies;

  /**
   * @param policies an account's password policy, by account id
   */
  public PasswordPolicyGrant(Authorizer next, Function<String, Optional<PasswordPolicy>> policies) {
    this.next = next;
    this.policies = policies;
  }

  @Override
  public Decision authorize(AuthorizationRequest request) {
    try {
      return next.authorize(request);
    } catch (GatehouseException e) {
      if (e.code() == ErrorCode.ACCESS_DENIED
          && e.getMessage().contains(NO_IDENTITY_ALLOW)
          && granted(request)) {
        return new Decision(resource(request), List.of(REASON));
      }
      throw e;
    }
  }

  private boolean granted(AuthorizationRequest request) {
    if (!(request.principal() instanceof Principal.User user)) {
      return false;
    }
    boolean own =
        switch (request.action()) {
          case "iam:GetAccountPasswordPolicy" -> true;
          case "iam:ChangePassword" ->
              request.target() instanceof Target.Named n
                  && n.resourceType().equals("user")
                  && n.name()
                      .toLowerCase(Locale.ROOT)
                      .equals(user.userName().toLowerCase(Locale.ROOT));
          default -> false;
        };
    return own
        && policies
            .apply(user.accountId())
            .map(PasswordPolicy::allowUsersToChangePassword)
            .orElse(false);
  }

  private static String resource(AuthorizationRequest request) {
    return request.principal() instanceof Principal.User u
            && request.action().equals("iam:ChangePassword")
        ? u.arn()
        : "*";
  }
}
