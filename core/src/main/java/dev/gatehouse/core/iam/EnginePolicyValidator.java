package dev.gatehouse.core.iam;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.ValidationMode;

/** Validates documents with the policy engine's parser, as AWS does for each kind. */
public final class EnginePolicyValidator implements PolicyDocumentValidator {
  /** The engine's strict size limit for identity documents (a managed policy's). */
  private static final int MANAGED_POLICY_SIZE = 6144;

  @Override
  public void validate(String document, DocumentKind kind) {
    try {
      switch (kind) {
        case IDENTITY -> Policy.parse(document, PolicyKind.IDENTITY);
        case BOUNDARY -> Policy.parse(document, PolicyKind.BOUNDARY);
        case TRUST -> Policy.parse(document, PolicyKind.TRUST);
        case INLINE -> {
          // Inline role and group policies may be larger than a managed policy; the caller has
          // checked the per-entity total, so only the grammar is checked above that size.
          if (Policy.size(document) <= MANAGED_POLICY_SIZE) {
            Policy.parse(document, PolicyKind.IDENTITY);
          } else {
            Policy.parse(document, PolicyKind.IDENTITY, ValidationMode.EVALUATION);
          }
        }
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
