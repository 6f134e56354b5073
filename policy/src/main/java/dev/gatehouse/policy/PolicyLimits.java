package dev.gatehouse.policy;

/**
 * Allowed characters and size quotas per kind (spec: reference_iam-quotas; Organizations quotas for
 * SCPs and RCPs; STS AssumeRole {@code Policy}). Sizes exclude whitespace.
 */
final class PolicyLimits {
  private PolicyLimits() {}

  /** The default quota for a document of this kind, in non-whitespace characters. */
  static int maxSize(PolicyKind kind) {
    return switch (kind) {
      case IDENTITY, BOUNDARY -> 6_144; // managed policy size
      case TRUST -> 2_048; // role trust policy, default quota
      case SESSION -> 2_048; // session policy plaintext
      case SCP, RCP -> 5_120; // Organizations policy document
      case RESOURCE -> 20_480; // S3 bucket policy, the largest common resource policy
    };
  }

  static void check(String json, PolicyKind kind) {
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (!(c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFF))) {
        throw new MalformedPolicyException(
            "ValidationError",
            "1 validation error detected: Value at 'policyDocument' failed to satisfy constraint:"
                + " Member must satisfy regular expression pattern:"
                + " [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+",
            "");
      }
    }
    int size = Policy.size(json);
    int max = maxSize(kind);
    if (size > max) {
      String quota =
          switch (kind) {
            case TRUST -> "ACLSizePerRole";
            case SESSION -> "PackedPolicySize";
            default -> "PolicySize";
          };
      throw new MalformedPolicyException(
          "LimitExceeded", "Cannot exceed quota for " + quota + ": " + max, "");
    }
  }
}
