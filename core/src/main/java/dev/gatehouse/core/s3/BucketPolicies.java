package dev.gatehouse.core.s3;

import dev.gatehouse.policy.ActionElement;
import dev.gatehouse.policy.Caller;
import dev.gatehouse.policy.ConditionClause;
import dev.gatehouse.policy.ConditionOperator;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PrincipalElement;
import dev.gatehouse.policy.PrincipalSet;
import dev.gatehouse.policy.PrincipalType;
import dev.gatehouse.policy.ResourceElement;
import dev.gatehouse.policy.SetQualifier;
import dev.gatehouse.policy.Statement;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Bucket policies: validation as S3 does it, and whether a policy is public.
 *
 * <p>spec: S3 User Guide, "Bucket policies for Amazon S3" (20 KB limit; Principal required) and
 * PutBucketPolicy (MalformedPolicy); S3 API Reference, PublicAccessBlockConfiguration and the User
 * Guide "The meaning of public".
 */
public final class BucketPolicies {
  /** S3's bucket policy size limit, in bytes of the document as sent. */
  public static final int MAX_BYTES = 20 * 1024;

  static final String TOO_LARGE = "Policy exceeds the maximum allowed document size.";
  static final String INVALID_RESOURCE = "Policy has invalid resource";
  static final String INVALID_PRINCIPAL = "Invalid principal in policy";
  static final String INVALID_ACTION = "Policy has invalid action";
  static final String MISSING_PRINCIPAL = "Missing required field Principal";

  /**
   * Condition keys whose fixed value makes a statement that names everyone non-public. spec:
   * PublicAccessBlockConfiguration ("a fixed aws:SourceArn, aws:SourceVpc, aws:SourceVpce,
   * aws:SourceOwner, aws:SourceAccount, s3:x-amz-server-side-encryption-aws-kms-key-id, aws:userid
   * outside the pattern AROLEID:*") and the User Guide's list (aws:PrincipalAccount,
   * aws:PrincipalArn, aws:PrincipalOrgID, aws:SourceOrgID, s3:DataAccessPointArn,
   * s3:DataAccessPointAccount).
   */
  private static final Set<String> FIXING_KEYS =
      Set.of(
          "aws:sourcearn",
          "aws:sourcevpc",
          "aws:sourcevpce",
          "aws:sourceowner",
          "aws:sourceaccount",
          "aws:sourceorgid",
          "s3:x-amz-server-side-encryption-aws-kms-key-id",
          "aws:userid",
          "aws:principalaccount",
          "aws:principalarn",
          "aws:principalorgid",
          "s3:dataaccesspointarn",
          "s3:dataaccesspointaccount");

  private BucketPolicies() {}

  /**
   * Validates {@code document} as the policy of {@code bucket}.
   *
   * @return the parsed policy
   * @throws S3Exception MalformedPolicy with S3's message when S3 would refuse it
   */
  public static Policy validate(String bucket, String document) {
    if (document.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw S3Error.MALFORMED_POLICY.exception(TOO_LARGE);
    }
    if (!document.stripLeading().startsWith("{")) {
      throw S3Error.MALFORMED_POLICY.exception();
    }
    Policy policy;
    try {
      policy = Policy.parse(document, PolicyKind.RESOURCE);
    } catch (MalformedPolicyException e) {
      throw S3Error.MALFORMED_POLICY.exception(e.getMessage());
    }
    String arn = S3Operations.bucketArn(bucket);
    for (Statement s : policy.statements()) {
      checkPrincipal(s.principal());
      checkActions(s.action());
      checkResources(s.resource(), arn);
    }
    return policy;
  }

  private static void checkPrincipal(PrincipalElement element) {
    PrincipalSet set;
    if (element instanceof PrincipalElement.Principals p) {
      set = p.set();
    } else if (element instanceof PrincipalElement.NotPrincipals n) {
      set = n.set();
    } else {
      throw S3Error.MALFORMED_POLICY.exception(MISSING_PRINCIPAL);
    }
    if (!(set instanceof PrincipalSet.Named named)) {
      return;
    }
    for (PrincipalSet.Entry entry : named.entries()) {
      for (String value : entry.values()) {
        if (!validPrincipal(entry.type(), value)) {
          throw S3Error.MALFORMED_POLICY.exception(INVALID_PRINCIPAL);
        }
      }
    }
  }

  private static boolean validPrincipal(PrincipalType type, String value) {
    return switch (type) {
      case AWS -> value.equals("*") || awsPrincipal(value);
      case CANONICAL_USER -> value.matches("[0-9a-f]{64}");
      case SERVICE -> value.endsWith(".amazonaws.com") || value.equals("*");
      case FEDERATED -> !value.isEmpty();
    };
  }

  private static boolean awsPrincipal(String value) {
    try {
      Caller c = Caller.parse(value);
      return c instanceof Caller.AccountRoot
          || c instanceof Caller.IamUser
          || c instanceof Caller.IamRole
          || c instanceof Caller.RoleSession
          || c instanceof Caller.FederatedUser;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void checkActions(ActionElement element) {
    List<String> patterns =
        element instanceof ActionElement.Actions a
            ? a.patterns()
            : ((ActionElement.NotActions) element).patterns();
    for (String p : patterns) {
      if (!p.equals("*") && !p.toLowerCase(Locale.ROOT).startsWith("s3:")) {
        throw S3Error.MALFORMED_POLICY.exception(INVALID_ACTION);
      }
    }
  }

  private static void checkResources(ResourceElement element, String bucketArn) {
    List<String> patterns;
    if (element instanceof ResourceElement.Resources r) {
      patterns = r.patterns();
    } else if (element instanceof ResourceElement.NotResources n) {
      patterns = n.patterns();
    } else {
      throw S3Error.MALFORMED_POLICY.exception(INVALID_RESOURCE);
    }
    for (String p : patterns) {
      if (!p.equals(bucketArn) && !p.startsWith(bucketArn + "/")) {
        throw S3Error.MALFORMED_POLICY.exception(INVALID_RESOURCE);
      }
    }
  }

  /**
   * Whether {@code policy} is public: some Allow statement grants to everyone ({@code "*"}, {@code
   * {"AWS": "*"}} or a {@code NotPrincipal}) without a condition that fixes who or where (a fixed
   * value of one of the keys above, or {@code aws:SourceIp} limited to CIDR blocks).
   *
   * <p>[inf] A condition fixes only when it cannot be met by an absent key or a wildcard: its
   * operator is a positive string, ARN or IP test without {@code IfExists} or {@code ForAllValues},
   * no value contains {@code *} or {@code ?}, and no CIDR is {@code /0}.
   */
  public static boolean isPublic(Policy policy) {
    for (Statement s : policy.statements()) {
      if (s.effect() == Effect.ALLOW && namesEveryone(s.principal()) && !fixed(s)) {
        return true;
      }
    }
    return false;
  }

  private static boolean namesEveryone(PrincipalElement element) {
    if (element instanceof PrincipalElement.NotPrincipals) {
      return true;
    }
    if (!(element instanceof PrincipalElement.Principals p)) {
      return false;
    }
    if (!(p.set() instanceof PrincipalSet.Named named)) {
      return true;
    }
    for (PrincipalSet.Entry e : named.entries()) {
      if (e.type() == PrincipalType.AWS && e.values().contains("*")) {
        return true;
      }
    }
    return false;
  }

  private static boolean fixed(Statement s) {
    for (ConditionClause c : s.conditions()) {
      if (fixes(c)) {
        return true;
      }
    }
    return false;
  }

  private static boolean fixes(ConditionClause c) {
    ConditionOperator op = c.operator();
    if (op.negated() || c.ifExists() || c.qualifier() == SetQualifier.FOR_ALL_VALUES) {
      return false;
    }
    String key = c.key().toLowerCase(Locale.ROOT);
    if (key.equals("aws:sourceip")) {
      return op == ConditionOperator.IP_ADDRESS
          && c.values().stream().noneMatch(v -> v.endsWith("/0"));
    }
    boolean family =
        op.family() == ConditionOperator.Family.STRING
            || op.family() == ConditionOperator.Family.ARN;
    return family
        && FIXING_KEYS.contains(key)
        && c.values().stream().noneMatch(v -> v.contains("*") || v.contains("?"));
  }
}
