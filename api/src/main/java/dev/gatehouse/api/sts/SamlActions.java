package dev.gatehouse.api.sts;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.api.Shape;
import dev.gatehouse.core.saml.SamlAssertion;
import dev.gatehouse.core.saml.SamlFederation;
import dev.gatehouse.core.sts.FederatedResult;
import dev.gatehouse.core.sts.FederatedSession;
import dev.gatehouse.core.sts.SessionPolicies;
import dev.gatehouse.core.sts.StsValidator;
import java.util.Optional;

/**
 * AssumeRoleWithSAML in the STS action table (spec: STS API Reference, AssumeRoleWithSAML; botocore
 * STS model): unsigned; the decoder checks the parameters and verifies the SAML response ({@link
 * SamlFederation}); the trust policy then decides for {@code Principal: {"Federated":
 * PRINCIPAL-ARN}} ({@link FederatedOperations}); the response adds Audience, Issuer, NameQualifier,
 * Subject and SubjectType to the members every role session shows.
 */
public final class SamlActions {
  private SamlActions() {}

  /** The verified request and the session issued for it. */
  record Result(SamlFederation.Verified verified, FederatedSession session)
      implements FederatedResult {}

  public static Operation<?, ?> operation(FederatedOperations federation, SamlFederation saml) {
    return federation.operation(
        "AssumeRoleWithSAML",
        p -> saml.verify(request(p)),
        SamlFederation.Verified::assumption,
        Result::new,
        SamlActions::encode);
  }

  /** The parameters, checked as the model constrains them, before the assertion is read. */
  static SamlFederation.Request request(QueryParameters p) {
    StsValidator v = StsValidator.create();
    Optional<String> role = v.required("roleArn", p.get("RoleArn"), v::roleArn);
    Optional<String> principal =
        v.required(
            "principalArn",
            p.get("PrincipalArn"),
            a -> v.range("principalArn", a.length(), 20, 2048));
    Optional<String> assertion =
        v.required(
            "sAMLAssertion",
            p.get("SAMLAssertion"),
            a -> v.range("sAMLAssertion", a.length(), 4, 100_000));
    SessionPolicies policies = StsRequests.policies(p, v);
    v.throwIfInvalid();
    return new SamlFederation.Request(
        role.orElseThrow(),
        principal.orElseThrow(),
        assertion.orElseThrow(),
        policies,
        p.integer("DurationSeconds"));
  }

  private static void encode(Result r, Shape out) {
    FederatedOperations.credentials(r.session(), out);
    FederatedOperations.assumedRoleUser(r.session(), out);
    FederatedOperations.packedPolicySize(r.session(), out);
    SamlAssertion a = r.verified().assertion();
    out.field("Subject", a.subject());
    out.field("SubjectType", a.subjectType());
    out.field("Issuer", a.issuer());
    out.field("Audience", a.recipient());
    out.field("NameQualifier", r.verified().nameQualifier());
    FederatedOperations.sourceIdentity(r.session(), out);
  }
}
