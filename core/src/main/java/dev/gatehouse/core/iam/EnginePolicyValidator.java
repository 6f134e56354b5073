package dev.gatehouse.core.iam;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.ValidationMode;

/**
 * Validates documents with the policy engine's parser, as AWS does for each kind, so that what IAM
 * stores is what the evaluator accepts. Messages are AWS's MalformedPolicyDocument texts.
 */
public final class EnginePolicyValidator implements PolicyDocumentValidator {
  /** The engine's strict size limit for identity documents (a managed policy's). */
  private static final int MANAGED_POLICY_SIZE = 6144;

  @Override
  public void validate(String document, DocumentKind kind) {
    PolicyKind policyKind =
        switch (kind) {
          case IDENTITY -> PolicyKind.IDENTITY;
          case TRUST -> PolicyKind.TRUST;
          case BOUNDARY -> PolicyKind.BOUNDARY;
        };
    try {
      // Inline role and group policies may be larger than a managed policy; the services check
      // every size quota first, so above the engine's own limit only the grammar is checked.
      if (Policy.size(document) <= MANAGED_POLICY_SIZE) {
        Policy.parse(document, policyKind);
      } else {
        Policy.parse(document, policyKind, ValidationMode.EVALUATION);
      }
    } catch (MalformedPolicyException e) {
      throw new GatehouseException(code(e.errorCode()), e.getMessage(), e);
    }
  }

  private static ErrorCode code(String awsCode) {
    return switch (awsCode) {
      case "LimitExceeded" -> ErrorCode.LIMIT_EXCEEDED;
      case "ValidationError" -> ErrorCode.VALIDATION_ERROR;
      default -> ErrorCode.MALFORMED_POLICY_DOCUMENT;
    };
  }
}
