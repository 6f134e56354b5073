package dev.gatehouse.api.sts;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.iam.LastUse;
import dev.gatehouse.core.sts.FederatedAssumption;
import dev.gatehouse.core.sts.FederatedResult;
import dev.gatehouse.core.sts.FederatedSession;
import dev.gatehouse.core.sts.FederatedSessions;
import dev.gatehouse.core.sts.SessionClaims;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the federated STS actions (AssumeRoleWithWebIdentity, AssumeRoleWithSAML) share in the
 * action table: served unsigned too; the decoder verifies the token or assertion; the trust policy
 * decides on a {@link Target.FederatedRole} in the pipeline's authorization step; the handler
 * issues the session and records the role's use; the response members common to both.
 */
public final class FederatedOperations {
  private final FederatedSessions sessions;
  private final LastUse roleUse;

  /**
   * @param roleUse records each assumed role's last use (keyed by role ARN) for GetRole
   */
  public FederatedOperations(FederatedSessions sessions, LastUse roleUse) {
    this.sessions = sessions;
    this.roleUse = roleUse;
  }

  /**
   * One federated action.
   *
   * @param decoder reads the parameters and verifies the token or assertion (AWS's
   *     InvalidIdentityToken, ExpiredTokenException, IDPCommunicationError... when it fails)
   * @param assumption what the verified input asks for
   * @param result the action's result from its input and the issued session
   */
  public <I, O extends FederatedResult> Operation<I, O> operation(
      String name,
      Operation.Decoder<I> decoder,
      Function<I, FederatedAssumption> assumption,
      BiFunction<I, FederatedSession, O> result,
      Operation.Encoder<O> encoder) {
    return new Operation<I, O>(
            name,
            decoder,
            (caller, in) -> Operation.Aim.of(new Target.FederatedRole(assumption.apply(in))),
            (caller, in) -> {
              FederatedAssumption asked = assumption.apply(in);
              FederatedSession session = sessions.assume(asked);
              roleUse.used(asked.session().roleArn(), StsApi.SIGNING_NAME, caller.region());
              return result.apply(in, session);
            },
            encoder)
        .unsignedToo();
  }

  /** {@code Credentials}: the temporary credentials. */
  public static void credentials(FederatedSession session, Shape out) {
    StsApi.credentials(session.issued(), out);
  }

  /** {@code AssumedRoleUser}: the session's id and ARN. */
  public static void assumedRoleUser(FederatedSession session, Shape out) {
    SessionClaims c = session.issued().claims();
    out.start("AssumedRoleUser").field("AssumedRoleId", c.userId()).field("Arn", c.arn()).end();
  }

  /** {@code PackedPolicySize}, when session policies or tags were passed (as for AssumeRole). */
  public static void packedPolicySize(FederatedSession session, Shape out) {
    SessionClaims c = session.issued().claims();
    if (c.policies().isPresent() || !c.tags().isEmpty()) {
      out.field("PackedPolicySize", session.issued().packedPolicySize());
    }
  }

  /** {@code SourceIdentity}, when the provider set one. */
  public static void sourceIdentity(FederatedSession session, Shape out) {
    session
        .issued()
        .claims()
        .sourceIdentityIfSet()
        .ifPresent(id -> out.field("SourceIdentity", id));
  }
}
