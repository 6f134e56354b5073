package dev.gatehouse.server;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.iam.DocumentKind;
import dev.gatehouse.core.iam.PolicyDocumentValidator;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;

/**
 * Validates policy documents with the policy engine's parser, so that what IAM stores is exactly
 * what the evaluator accepts; its messages are AWS's MalformedPolicyDocument texts.
 */
final class EnginePolicyValidator implements PolicyDocumentValidator {
  @Override
  public void validate(String document, DocumentKind kind) {
    PolicyKind policyKind =
        switch (kind) {
          case IDENTITY -> PolicyKind.IDENTITY;
          case TRUST -> PolicyKind.TRUST;
          case BOUNDARY -> PolicyKind.BOUNDARY;
        };
    try {
      Policy.parse(document, policyKind);
    } catch (MalformedPolicyException e) {
      throw new GatehouseException(ErrorCode.MALFORMED_POLICY_DOCUMENT, e.getMessage());
    }
  }
}
