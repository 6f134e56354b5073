package dev.gatehouse.api.sts;

import dev.gatehouse.api.QueryParameters;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.sts.AssumeRoleRequest;
import dev.gatehouse.core.sts.FederationTokenRequest;
import dev.gatehouse.core.sts.MfaCode;
import dev.gatehouse.core.sts.SessionPolicies;
import dev.gatehouse.core.sts.SessionTag;
import dev.gatehouse.core.sts.SessionTokenRequest;
import dev.gatehouse.core.sts.StsValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes the STS actions' Query parameters into their requests, validated with AWS's constraints
 * (AWS-FACTS 2.1).
 *
 * <p>spec: STS API Reference, AssumeRole / GetSessionToken / GetFederationToken request parameters.
 */
final class StsRequests {
  private StsRequests() {}

  static AssumeRoleRequest assumeRole(QueryParameters p) {
    StsValidator v = StsValidator.create();
    Optional<String> arn = v.required("roleArn", p.get("RoleArn"), v::roleArn);
    Optional<String> name =
        v.required("roleSessionName", p.get("RoleSessionName"), v::roleSessionName);
    p.get("ExternalId").ifPresent(v::externalId);
    MfaCode mfa = mfa(p, v);
    SessionPolicies policies = policies(p, v);
    List<SessionTag> tags = tags(p);
    v.tags(tags);
    List<String> transitive = p.list("TransitiveTagKeys");
    v.transitiveTagKeys(transitive);
    p.get("SourceIdentity").ifPresent(v::sourceIdentity);
    v.throwIfInvalid();
    return new AssumeRoleRequest(
        arn.orElseThrow(),
        name.orElseThrow(),
        p.integer("DurationSeconds"),
        p.get("ExternalId").orElse(""),
        mfa,
        policies,
        tags,
        transitive,
        p.get("SourceIdentity").orElse(""));
  }

  static SessionTokenRequest sessionToken(QueryParameters p) {
    StsValidator v = StsValidator.create();
    MfaCode mfa = mfa(p, v);
    v.throwIfInvalid();
    return new SessionTokenRequest(p.integer("DurationSeconds"), mfa);
  }

  static FederationTokenRequest federationToken(QueryParameters p) {
    StsValidator v = StsValidator.create();
    Optional<String> name = v.required("name", p.get("Name"), v::federatedUserName);
    SessionPolicies policies = policies(p, v);
    List<SessionTag> tags = tags(p);
    v.tags(tags);
    v.throwIfInvalid();
    return new FederationTokenRequest(
        name.orElseThrow(), p.integer("DurationSeconds"), policies, tags);
  }

  static String accessKeyId(QueryParameters p) {
    String id =
        p.get("AccessKeyId")
            .orElseThrow(
                () ->
                    GatehouseException.validation(
                        StsValidator.message(
                            StsValidator.create().missing("accessKeyId").violations())));
    if (id.length() < 16 || id.length() > 128 || !id.matches("\\w+")) {
      throw GatehouseException.validation(
          "1 validation error detected: Value '"
              + id
              + "' at 'accessKeyId' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [\\w]*");
    }
    return id;
  }

  private static MfaCode mfa(QueryParameters p, StsValidator v) {
    p.get("SerialNumber").ifPresent(v::serialNumber);
    p.get("TokenCode").ifPresent(v::tokenCode);
    return new MfaCode(p.get("SerialNumber").orElse(""), p.get("TokenCode").orElse(""));
  }

  static SessionPolicies policies(QueryParameters p, StsValidator v) {
    p.get("Policy").ifPresent(v::policy);
    List<String> arns = new ArrayList<>();
    for (Map<String, String> m : p.structures("PolicyArns", "arn")) {
      arns.add(m.getOrDefault("arn", ""));
    }
    v.policyArns(arns);
    return new SessionPolicies(p.get("Policy").orElse(""), arns);
  }

  private static List<SessionTag> tags(QueryParameters p) {
    List<SessionTag> out = new ArrayList<>();
    for (Map<String, String> m : p.structures("Tags", "Key", "Value")) {
      if (!m.containsKey("Key")) {
        throw new GatehouseException(
            ErrorCode.MISSING_PARAMETER,
            "The request must contain the parameter Tags.member.N.Key");
      }
      out.add(new SessionTag(m.get("Key"), m.getOrDefault("Value", "")));
    }
    return out;
  }
}
