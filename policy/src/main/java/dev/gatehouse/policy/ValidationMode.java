package dev.gatehouse.policy;

/** How strictly {@link Policy#parse(String, PolicyKind, ValidationMode)} validates. */
public enum ValidationMode {
  /** What the AWS API accepts for storing a policy of the kind. */
  STRICT,
  /**
   * What AWS evaluates: also legacy versions (2008-10-17, absent) for every kind, no size limit,
   * and AWS principals named by unique id (as IAM stores them in a saved trust policy). Grammar,
   * effects, ARNs and conditions are still checked.
   */
  EVALUATION
}
