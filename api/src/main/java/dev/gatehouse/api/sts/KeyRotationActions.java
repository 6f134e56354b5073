package dev.gatehouse.api.sts;

import dev.gatehouse.api.ApiRoute;
import dev.gatehouse.api.Caller;
import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Operation.Aim;
import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.OnlineSessionKeyRotation;
import dev.gatehouse.core.sts.SessionKeyRotation;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code RotateKeys} on Gatehouse's own Query route ({@link RevocationApi}'s, signing service
 * {@code gatehouse}): rotates the session-token keys of the running node, authorized by IAM as
 * {@code gatehouse:RotateKeys} on resource {@code *} and audited as a write. The keys serve the
 * whole server, so only principals of the management account may rotate them, whatever a member
 * account's policies allow.
 *
 * <p>Parameter {@code Keys}: {@code session} (the default). The master key rotates offline ({@code
 * gatehouse keys rotate --master}): every node keeps it in memory.
 */
public final class KeyRotationActions {
  /** The action's name within Gatehouse's API. */
  public static final String ACTION = "RotateKeys";

  private final OnlineSessionKeyRotation sessionKeys;
  private final String managementAccountId;

  public KeyRotationActions(OnlineSessionKeyRotation sessionKeys, String managementAccountId) {
    this.sessionKeys = sessionKeys;
    this.managementAccountId = managementAccountId;
  }

  /** {@code route} with this action added to its table. */
  public ApiRoute addTo(ApiRoute route) {
    List<Operation<?, ?>> all = new ArrayList<>(route.operations());
    all.add(operation());
    return new ApiRoute(
        route.signingName(),
        route.version(),
        route.namespace(),
        route.eventSource(),
        all,
        route.authorizer());
  }

  Operation<String, SessionKeyRotation.Outcome> operation() {
    return new Operation<>(
        ACTION,
        KeyRotationActions::keys,
        (caller, keys) -> Aim.of(new Target.Any()),
        (caller, keys) -> {
          requireManagementAccount(caller);
          return sessionKeys.rotate();
        },
        (outcome, out) -> {
          out.field("SessionKeyId", outcome.current());
          out.startList("KeptSessionKeyIds");
          outcome.kept().forEach(out::member);
          out.end();
          out.startList("PrunedSessionKeyIds");
          outcome.pruned().forEach(out::member);
          out.end();
        });
  }

  private void requireManagementAccount(Caller caller) {
    if (!caller.principal().accountId().equals(managementAccountId)) {
      throw new GatehouseException(
          ErrorCode.ACCESS_DENIED,
          "User: "
              + caller.principal().arn()
              + " is not authorized to perform: gatehouse:"
              + ACTION
              + ": the server's keys are rotated from the management account only");
    }
  }

  private static String keys(QueryParameters params) {
    String keys = params.get("Keys").orElse("session");
    if (!keys.equals("session")) {
      throw new GatehouseException(
          ErrorCode.INVALID_PARAMETER_VALUE,
          "Keys must be session (the master key rotates offline: gatehouse keys rotate --master),"
              + " got '"
              + keys
              + "'");
    }
    return keys;
  }
}
