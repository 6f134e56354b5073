package dev.gatehouse.core.s3;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.authz.Decision;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.ResourcePolicyAuthorizer;
import dev.gatehouse.core.authz.Target;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides S3 checks with the policy engine: the caller's identity policies and the bucket's policy,
 * under AWS's rules (same account: either allows; across accounts: both must; anonymous: only a
 * bucket policy naming everyone), plus S3's own rules around them:
 *
 * <ul>
 *   <li>spec: S3 User Guide, bucket policies: the root user of the bucket owner's account can
 *       always get, put and delete the bucket policy, even when the policy denies it (so an owner
 *       cannot lock itself out);
 *   <li>spec: PublicAccessBlockConfiguration, RestrictPublicBuckets: a bucket with a public policy
 *       is reachable only by principals of the owner's account (and AWS services): anonymous and
 *       cross-account requests are refused.
 * </ul>
 */
public final class S3Authorizer {
  private static final Set<String> OWNER_ROOT_ACTIONS =
      Set.of("s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy");

  private final ResourcePolicyAuthorizer engine;
  private final Function<Bucket, Optional<BucketPolicy>> policies;

  /**
   * @param policies a bucket's policy compiled: {@link BucketRegistry#policyOf}, which keeps them
   *     compiled in memory
   */
  public S3Authorizer(
      ResourcePolicyAuthorizer engine, Function<Bucket, Optional<BucketPolicy>> policies) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.policies = Objects.requireNonNull(policies, "policies");
  }

  /** The network and time facts of a request (aws:SourceIp, aws:SecureTransport, time). */
  public record Environment(String sourceIp, boolean secureTransport, Instant time) {
    public Environment {
      Objects.requireNonNull(sourceIp, "sourceIp");
      Objects.requireNonNull(time, "time");
    }
  }

  /**
   * Decides every check of a call, in order; the first denial is the answer.
   *
   * @param buckets the bucket of a check by name (empty when it does not exist)
   * @return the last check's allowance, or the first denial; a call without checks is denied
   */
  public AuthorizationResult decideAll(
      S3Caller caller,
      List<S3Check> checks,
      Function<String, Optional<Bucket>> buckets,
      Environment env) {
    if (checks.isEmpty()) {
      return AuthorizationResult.Denied.byRule(S3Error.ACCESS_DENIED.defaultMessage());
    }
    AuthorizationResult last = null;
    for (S3Check check : checks) {
      Optional<Bucket> bucket =
          check.bucket().isEmpty() ? Optional.empty() : buckets.apply(check.bucket());
      last = decide(caller, check, bucket, env);
      if (!last.allowed()) {
        return last;
      }
    }
    return last;
  }

  /**
   * Decides one check.
   *
   * @param bucket the bucket the check names, when it exists (absent for ListBuckets, CreateBucket
   *     and a bucket that does not exist: then only identity policies apply)
   */
  public AuthorizationResult decide(
      S3Caller caller, S3Check check, Optional<Bucket> bucket, Environment env) {
    Optional<String> callerAccount =
        caller instanceof S3Caller.Signed s
            ? Optional.of(s.principal().accountId())
            : Optional.empty();
    String owner = bucket.map(Bucket::ownerAccountId).or(() -> callerAccount).orElse("");
    Optional<BucketPolicy> policy = bucket.flatMap(policies);
    if (caller instanceof S3Caller.Signed s
        && s.principal() instanceof Principal.Root
        && bucket.isPresent()
        && s.principal().accountId().equals(owner)
        && OWNER_ROOT_ACTIONS.contains(check.action())) {
      return new AuthorizationResult.Allowed(
          new Decision(check.resourceArn(), List.of("BUCKET_OWNER_ROOT")));
    }
    if (bucket.isPresent()
        && bucket.get().effectivePublicAccessBlock().restrictPublicBuckets()
        && policy.map(BucketPolicy::isPublic).orElse(false)
        && !callerAccount.map(owner::equals).orElse(false)) {
      // RestrictPublicBuckets: no anonymous or cross-account access to a bucket with a public
      // policy.
      return AuthorizationResult.Denied.byRule(S3Error.ACCESS_DENIED.defaultMessage());
    }
    Map<String, List<String>> keys = new LinkedHashMap<>(check.requestKeys());
    if (bucket.isPresent()) {
      keys.put("s3:ResourceAccount", List.of(owner));
    }
    ResourcePolicyAuthorizer.Resource resource =
        new ResourcePolicyAuthorizer.Resource(
            check.resourceArn(), owner, policy.map(c -> List.of(c.compiled())).orElse(List.of()));
    if (caller instanceof S3Caller.Signed s) {
      return engine.decide(
          new AuthorizationRequest(
              s.principal(),
              check.action(),
              new Target.Arn(check.resourceArn()),
              keys,
              env.sourceIp(),
              env.secureTransport(),
              env.time()),
          resource);
    }
    return engine.decideAnonymous(
        new ResourcePolicyAuthorizer.AnonymousRequest(
            check.action(), keys, env.sourceIp(), env.secureTransport(), env.time()),
        resource);
  }
}
