package dev.gatehouse.core.authz;

import dev.gatehouse.core.Once;
import dev.gatehouse.core.domain.PasswordPolicy;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.PolicyKind;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The account-level permission a password policy with AllowUsersToChangePassword gives, as an
 * explicit step of authorization: for an IAM user's {@code iam:ChangePassword} and {@code
 * iam:GetAccountPasswordPolicy}, the grant is evaluated with the user's identity policies, so an
 * explicit deny and the permissions boundary still limit it exactly as they limit any
 * identity-based allow (and so would a session policy: the engine bounds account grants as it
 * bounds identity policies).
 *
 * <p>spec: PasswordPolicy.AllowUsersToChangePassword: "Gives IAM users permissions to
 * iam:ChangePassword for only their user and to the iam:GetAccountPasswordPolicy action. This
 * option does not attach a permissions policy to each user, rather the permissions are applied at
 * the account-level for all users by IAM."
 */
public final class PasswordPolicyGrant implements Authorizer {
  /** The statement id the grant's decisions name. */
  public static final String REASON = "AllowUsersToChangePassword";

  /**
   * The grant as a policy: the user's own ARN (with or without a path) for ChangePassword, and the
   * account's password policy. The account is a wildcard because a variable cannot stand there
   * (POLICY-SEMANTICS C4); ChangePassword only ever names the caller's own account.
   */
  private static final Once<CompiledPolicy, RuntimeException> GRANT =
      new Once<>(
          () ->
              CompiledPolicy.parse(
                  "{\"Version\":\"2012-10-17\",\"Statement\":["
                      + "{\"Sid\":\""
                      + REASON
                      + "\",\"Effect\":\"Allow\",\"Action\":\"iam:ChangePassword\","
                      + "\"Resource\":[\"arn:aws:iam::*:user/${aws:username}\","
                      + "\"arn:aws:iam::*:user/*/${aws:username}\"]},"
                      + "{\"Sid\":\""
                      + REASON
                      + "Read\",\"Effect\":\"Allow\",\"Action\":\"iam:GetAccountPasswordPolicy\","
                      + "\"Resource\":\"*\"}]}",
                  PolicyKind.IDENTITY,
                  REASON));

  /**
   * The grant, parsed by its first use (the first policy parse of a start costs it milliseconds).
   */
  static CompiledPolicy grant() {
    return GRANT.get();
  }

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
  public AuthorizationResult decide(AuthorizationRequest request) {
    return next.decide(applies(request) ? request.withAccountGrants(List.of(grant())) : request);
  }

  /**
   * An IAM user signing with its own long-term keys asking for one of the two actions, when the
   * account's policy allows it. Temporary credentials get no grant: the server answers their
   * ChangePassword with InvalidUserType (DEVIATIONS L3).
   */
  private boolean applies(AuthorizationRequest request) {
    boolean action =
        request.action().equals("iam:ChangePassword")
            || request.action().equals("iam:GetAccountPasswordPolicy");
    return action
        && request.principal() instanceof Principal.User user
        && policies
            .apply(user.accountId())
            .map(PasswordPolicy::allowUsersToChangePassword)
            .orElse(false);
  }
}
