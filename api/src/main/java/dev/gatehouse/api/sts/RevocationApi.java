package dev.gatehouse.api.sts;

import dev.gatehouse.api.ApiRoute;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.domain.EntityKind;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.sts.SessionRevoker;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Gatehouse's own Query API (version {@value #VERSION}, signing service {@code gatehouse} or any
 * service with this Version) for revoking temporary credentials. Actions are authorized like IAM
 * actions, under the {@code gatehouse:} prefix (RevokeRoleSessions under {@code iam:PutRolePolicy},
 * as AWS's console action).
 *
 * <ul>
 *   <li>{@code RevokeSession} (AccessKeyId): one session, by its ASIA access key id; immediate.
 *   <li>{@code RevokeUserSessions} (UserName): every session the user started until now, role
 *       sessions and chains included; immediate.
 *   <li>{@code RevokeRoleSessions} (RoleName): AWS's "Revoke active sessions": puts the inline role
 *       policy {@code AWSRevokeOlderSessions} denying everything to sessions issued before now.
 * </ul>
 */
public final class RevocationApi {
  public static final String SIGNING_NAME = "gatehouse";
  static final String VERSION = "2026-11-01";
  static final String NAMESPACE = "https://gatehouse.dev/doc/2026-11-01/";
  static final String EVENT_SOURCE = "gatehouse.dev";

  /** The console's policy name (spec: IAM User Guide, id_roles_use_revoke-sessions.md). */
  static final String REVOKE_POLICY_NAME = "AWSRevokeOlderSessions";

  private RevocationApi() {}

  /** The revocation route: its action table, authorized by {@code authorizer}. */
  public static ApiRoute route(
      IamServices iam, SessionRevoker revoker, Clock clock, Authorizer authorizer) {
    return new ApiRoute(
        SIGNING_NAME,
        VERSION,
        NAMESPACE,
        EVENT_SOURCE,
        operations(iam, revoker, clock),
        authorizer);
  }

  private static List<Operation<?, ?>> operations(
      IamServices iam, SessionRevoker revoker, Clock clock) {
    return List.of(
        new Operation<>(
            "RevokeSession",
            p -> required(p, "AccessKeyId"),
            (caller, id) -> Aim.of(new Target.Any()),
            (caller, id) -> {
              if (!id.startsWith("ASIA")) {
                throw new GatehouseException(
                    ErrorCode.INVALID_PARAMETER_VALUE,
                    "AccessKeyId must be the access key id of temporary credentials (ASIA...).");
              }
              revoker.revokeAccessKey(id);
              return Boolean.TRUE;
            },
            Operation.noResult()),
        new Operation<>(
            "RevokeUserSessions",
            p -> required(p, "UserName"),
            (caller, name) -> Aim.of(new Target.Arn(userArn(iam, account(caller), name))),
            (caller, name) -> {
              String userId = iam.users().getUser(account(caller), name).user().id();
              revoker.revokeOrigin(userId);
              return Boolean.TRUE;
            },
            Operation.noResult()),
        new Operation<>(
            "RevokeRoleSessions",
            p -> required(p, "RoleName"),
            (caller, name) -> Aim.of(new Target.Named("role", name, "/")),
            (caller, name) -> {
              iam.inlinePolicies()
                  .put(
                      account(caller),
                      EntityKind.ROLE,
                      name,
                      REVOKE_POLICY_NAME,
                      revokeOlderSessions(clock));
              return Boolean.TRUE;
            },
            Operation.noResult()));
  }

  /**
   * AWS's policy: deny every action to sessions whose aws:TokenIssueTime is before now (spec: IAM
   * User Guide, id_roles_use_revoke-sessions.md).
   */
  static String revokeOlderSessions(Clock clock) {
    // The next whole second: a session issued in this very second is revoked too.
    String cutoff =
        DateTimeFormatter.ISO_INSTANT.format(
            clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":[\"*\"],"
        + "\"Resource\":[\"*\"],\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\""
        + cutoff
        + "\"}}}]}";
  }

  /** The user's ARN with its stored path; path-less for a user that does not exist. */
  private static String userArn(IamServices iam, String accountId, String name) {
    try {
      return iam.users().getUser(accountId, name).user().arn();
    } catch (GatehouseException e) {
      return "arn:aws:iam::" + accountId + ":user/" + name;
    }
  }

  private static String account(Caller caller) {
    return caller.principal().accountId();
  }

  private static String required(QueryParameters p, String name) {
    return p.get(name)
        .filter(v -> !v.isEmpty())
        .orElseThrow(
            () ->
                new GatehouseException(
                    ErrorCode.MISSING_PARAMETER, "The request must contain the parameter " + name));
  }
}
