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
import java.util.List;

/**
 * {@code RotateKeys} on Gatehouse's own Query route ({@link RevocationApi}'s, signing service
 * {@code gatehouse}): rotates the session-token keys of the running node, authorized by IAM as
 * {@code gatehouse:RotateKeys} on resource {@code *} and audited as a write. The keys serve the
 * whole server, so only principals of the management account may rotate them, whatever a member
 * account's policies allow.
 *
 * <p>Parameter {@code Keys}: {@code session} (the default), the session-token keys; or {@code
 * master}, the master key of a single node with its key in {@code DATA_DIR/master.key} (see {@link
 * MasterKeys}), re-sealing every stored secret and object key while the node serves.
 */
public final class KeyRotationActions {
  /** The action's name within Gatehouse's API. */
  public static final String ACTION = "RotateKeys";

  /** Rotates the master key of the running node. */
  @FunctionalInterface
  public interface MasterKeys {
    /**
     * Rotates now: the new key seals, every sealed value is re-sealed under it, the old key is
     * forgotten.
     *
     * @throws GatehouseException UnmodifiableEntity when this node cannot rotate it (the key comes
     *     from the environment, or nodes share the store)
     */
    MasterKeyOutcome rotate();
  }

  /**
   * What a master-key rotation did.
   *
   * @param keyId the new master key's id
   * @param secrets the stored secrets re-sealed (access keys, MFA seeds, webhook keys, certificate
   *     private keys)
   * @param objectKeys the object data keys re-sealed (blob files and objects kept inline)
   */
  public record MasterKeyOutcome(String keyId, int secrets, int objectKeys) {}

  /** Either rotation's outcome, as the answer shows it. */
  sealed interface Rotated {
    record Session(SessionKeyRotation.Outcome outcome) implements Rotated {}

    record Master(MasterKeyOutcome outcome) implements Rotated {}
  }

  private final OnlineSessionKeyRotation sessionKeys;
  private final MasterKeys masterKeys;
  private final String managementAccountId;

  public KeyRotationActions(
      OnlineSessionKeyRotation sessionKeys, MasterKeys masterKeys, String managementAccountId) {
    this.sessionKeys = sessionKeys;
    this.masterKeys = masterKeys;
    this.managementAccountId = managementAccountId;
  }

  /** {@code route} with this action added to its table. */
  public ApiRoute addTo(ApiRoute route) {
    return route.with(List.of(operation()), route.authorizer());
  }

  Operation<String, Rotated> operation() {
    return new Operation<>(
        ACTION,
        KeyRotationActions::keys,
        (caller, keys) -> Aim.of(new Target.Any()),
        (caller, keys) -> {
          requireManagementAccount(caller);
          return keys.equals(MASTER)
              ? new Rotated.Master(masterKeys.rotate())
              : new Rotated.Session(sessionKeys.rotate());
        },
        (rotated, out) -> {
          if (rotated instanceof Rotated.Master master) {
            out.field("MasterKeyId", master.outcome().keyId());
            out.field("ResealedSecrets", master.outcome().secrets());
            out.field("ResealedObjectKeys", master.outcome().objectKeys());
            return;
          }
          SessionKeyRotation.Outcome outcome = ((Rotated.Session) rotated).outcome();
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

  private static final String SESSION = "session";
  private static final String MASTER = "master";

  private static String keys(QueryParameters params) {
    String keys = params.get("Keys").orElse(SESSION);
    if (!keys.equals(SESSION) && !keys.equals(MASTER)) {
      throw new GatehouseException(
          ErrorCode.INVALID_PARAMETER_VALUE, "Keys must be session or master, got '" + keys + "'");
    }
    return keys;
  }
}
