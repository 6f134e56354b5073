package dev.gatehouse.core.authz;

import dev.gatehouse.core.sts.SessionClaims;
import dev.gatehouse.core.sts.SessionPrincipal;
import dev.gatehouse.core.sts.SessionTag;
import dev.gatehouse.policy.Caller;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicyVersion;
import dev.gatehouse.policy.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a temporary session adds to authorization: its engine caller, its session policies and its
 * request-context keys.
 *
 * <p>spec: IAM User Guide, "AWS global condition context keys": aws:TokenIssueTime,
 * aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge are present only for requests signed with
 * temporary credentials; session tags appear as aws:PrincipalTag and override a role tag with the
 * same key; aws:SourceIdentity carries the session's source identity.
 */
public final class SessionContext {
  private SessionContext() {}

  /**
   * The policy engine's view of the caller, with the unique ids that stored trust policies name
   * users, roles and role sessions by.
   */
  static Caller caller(Principal principal) {
    if (principal instanceof Principal.Session session) {
      SessionClaims claims = session.claims();
      SessionPrincipal p = claims.principal();
      if (p instanceof SessionPrincipal.AssumedRole role) {
        return new Caller.RoleSession(
            claims.arn(), claims.accountId(), role.roleName(), role.sessionName(), role.roleId());
      }
      if (p instanceof SessionPrincipal.FederatedUser fed) {
        return new Caller.FederatedUser(claims.arn(), claims.accountId(), fed.name());
      }
      SessionPrincipal.UserSession user = (SessionPrincipal.UserSession) p;
      if (user.isRoot()) {
        return new Caller.AccountRoot(user.userArn(), claims.accountId());
      }
      return new Caller.IamUser(
          user.userArn(),
          claims.accountId(),
          user.userArn().substring(user.userArn().lastIndexOf('/') + 1),
          user.userId());
    }
    if (principal instanceof Principal.User user) {
      return new Caller.IamUser(user.arn(), user.accountId(), user.userName(), user.userId());
    }
    return new Caller.AccountRoot(principal.arn(), principal.accountId());
  }

  /**
   * The session policies of a role or federated-user session: the inline Policy and the managed
   * PolicyArns at their default version ({@code managed} resolves an ARN). Empty otherwise.
   */
  static List<CompiledPolicy> sessionPolicies(
      Principal principal, Function<String, Optional<CompiledPolicy>> managed) {
    if (!(principal instanceof Principal.Session session)) {
      return List.of();
    }
    SessionClaims claims = session.claims();
    if (claims.principal() instanceof SessionPrincipal.UserSession) {
      return List.of();
    }
    List<CompiledPolicy> out = new ArrayList<>();
    if (!claims.policies().inlinePolicy().isEmpty()) {
      out.add(
          CompiledPolicy.parse(claims.policies().inlinePolicy(), PolicyKind.SESSION, "session"));
    }
    for (String arn : claims.policies().managedPolicyArns()) {
      // A managed session policy deleted since issue grants nothing; an empty policy keeps the
      // session narrowed instead of widening it to the role's full permissions.
      out.add(
          managed
              .apply(arn)
              .orElseGet(
                  () ->
                      // Built, not parsed: the parser refuses an empty Statement, as IAM does.
                      CompiledPolicy.compile(
                          new Policy(PolicyVersion.V2012_10_17, List.of()),
                          PolicyKind.SESSION,
                          arn)));
    }
    return out;
  }

  /** Adds the session's keys to a request context (after the principal's own keys). */
  static void addKeys(Principal principal, Instant now, RequestContext.Builder ctx) {
    if (!(principal instanceof Principal.Session session)) {
      return;
    }
    SessionClaims claims = session.claims();
    ctx.put("aws:TokenIssueTime", claims.tokenIssueTime());
    ctx.put("aws:MultiFactorAuthPresent", Boolean.toString(claims.mfa().isPresent()));
    claims.mfaAgeSeconds(now).ifPresent(age -> ctx.put("aws:MultiFactorAuthAge", age.toString()));
    claims
        .sourceIdentityIfSet()
        .ifPresent(
            id -> {
              ctx.put("aws:SourceIdentity", id);
              ctx.put("sts:SourceIdentity", id);
            });
    for (SessionTag tag : claims.tags()) {
      ctx.put("aws:PrincipalTag/" + tag.key(), tag.value());
    }
  }
}
