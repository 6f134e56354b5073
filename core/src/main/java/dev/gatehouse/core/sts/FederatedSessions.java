package dev.gatehouse.core.sts;

import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.util.Optional;

/**
 * Issues role sessions to federated callers, the part AssumeRoleWithWebIdentity and
 * AssumeRoleWithSAML share once the token or assertion verified and the role's trust policy let the
 * federated principal in ({@link StsAuthorizer} with {@link
 * dev.gatehouse.core.authz.FederatedTrust}, on a {@link
 * dev.gatehouse.core.authz.Target.FederatedRole}): managed session policies must exist in the
 * role's account; then the session is issued as for AssumeRole.
 */
public final class FederatedSessions {
  private final SessionIssuer issuer;
  private final ManagedSessionPolicies managed;

  public FederatedSessions(SessionIssuer issuer, ManagedSessionPolicies managed) {
    this.issuer = issuer;
    this.managed = managed;
  }

  /** The role a role ARN names, if it exists (the provider must be registered in its account). */
  public Optional<Role> role(String roleArn) {
    return issuer.role(roleArn);
  }

  /**
   * Issues the session the trust policy allowed.
   *
   * @throws GatehouseException AccessDenied when the role was deleted since authorization,
   *     InvalidParameterValue for a managed session policy the account does not have, and
   *     AssumeRole's own refusals (duration, session policy, packed size)
   */
  public FederatedSession assume(FederatedAssumption in) {
    Role role =
        issuer
            .role(in.session().roleArn())
            .orElseThrow(
                () ->
                    AuthorizationResult.Denied.byRule("Not authorized to perform " + in.action())
                        .toException());
    for (String arn : in.session().policies().managedPolicyArns()) {
      if (managed.resolve(role.accountId(), arn).isEmpty()) {
        throw new GatehouseException(
            ErrorCode.INVALID_PARAMETER_VALUE,
            "The policy "
                + arn
                + " does not exist or is not attachable in account "
                + role.accountId()
                + ".");
      }
    }
    return new FederatedSession(issuer.assumeRoleFederated(role, in), in.caller());
  }
}
