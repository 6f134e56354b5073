package dev.gatehouse.api.sts;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.oidc.WebIdentity;
import dev.gatehouse.core.oidc.WebIdentityRequest;
import dev.gatehouse.core.oidc.WebIdentityVerifier;
import dev.gatehouse.core.sts.FederatedResult;
import dev.gatehouse.core.sts.FederatedSession;
import dev.gatehouse.core.sts.SessionPolicies;
import dev.gatehouse.core.sts.StsValidator;
import java.util.Optional;

/**
 * AssumeRoleWithWebIdentity: served unsigned too; the token verified by {@link WebIdentityVerifier}
 * while decoding; the trust policy and the session as for every federated action ({@link
 * FederatedOperations}).
 *
 * <p>spec: STS API Reference, AssumeRoleWithWebIdentity (request parameters; response members
 * Credentials, SubjectFromWebIdentityToken, AssumedRoleUser, PackedPolicySize, Provider, Audience,
 * SourceIdentity).
 */
public final class WebIdentityActions {
  private WebIdentityActions() {}

  /** The action's result: the session and what the token said. */
  record Assumed(WebIdentity identity, FederatedSession session) implements FederatedResult {}

  public static Operation<WebIdentity, ?> operation(
      FederatedOperations federation, WebIdentityVerifier verifier) {
    return federation.operation(
        "AssumeRoleWithWebIdentity",
        params -> verifier.verify(decode(params)),
        WebIdentity::assumption,
        Assumed::new,
        WebIdentityActions::encode);
  }

  static WebIdentityRequest decode(QueryParameters p) {
    StsValidator v = StsValidator.create();
    Optional<String> arn = v.required("roleArn", p.get("RoleArn"), v::roleArn);
    Optional<String> name =
        v.required("roleSessionName", p.get("RoleSessionName"), v::roleSessionName);
    Optional<String> token =
        v.required("webIdentityToken", p.get("WebIdentityToken"), v::webIdentityToken);
    p.get("ProviderId").ifPresent(v::providerId);
    SessionPolicies policies = StsRequests.policies(p, v);
    v.throwIfInvalid();
    return new WebIdentityRequest(
        arn.orElseThrow(),
        name.orElseThrow(),
        token.orElseThrow(),
        p.get("ProviderId").orElse(""),
        p.integer("DurationSeconds"),
        policies);
  }

  private static void encode(Assumed result, Shape out) {
    FederatedSession s = result.session();
    FederatedOperations.credentials(s, out);
    out.field("SubjectFromWebIdentityToken", result.identity().subject());
    FederatedOperations.assumedRoleUser(s, out);
    FederatedOperations.packedPolicySize(s, out);
    out.field("Provider", result.identity().provider());
    out.field("Audience", result.identity().audience());
    FederatedOperations.sourceIdentity(s, out);
  }
}
