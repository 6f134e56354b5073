package dev.gatehouse.core.iam;

/**
 * Checks a policy document's grammar. Throws {@link dev.gatehouse.core.error.GatehouseException}
 * with code {@code MalformedPolicyDocument} and a message that says where and what.
 */
@FunctionalInterface
public interface PolicyDocumentValidator {
  void validate(String document, DocumentKind kind);
}
