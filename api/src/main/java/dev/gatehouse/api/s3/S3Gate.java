package dev.gatehouse.api.s3;

import dev.gatehouse.core.authz.AuthorizationRequest;
import dev.gatehouse.core.authz.AuthorizationResult;
import dev.gatehouse.core.authz.Authorizer;
import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.authz.Target;
import dev.gatehouse.core.s3.Bucket;
import dev.gatehouse.core.s3.S3Authorizer;
import dev.gatehouse.core.s3.S3Caller;
import dev.gatehouse.core.s3.S3Check;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pipeline's authorizer for S3: each check the operation names reaches core's {@link
 * S3Authorizer} with the bucket it names, so the bucket policy (a resource policy) and Block Public
 * Access combine with the caller's identity policies as on AWS (same account: either allows; across
 * accounts: both must; anonymous: only a policy naming everyone).
 */
public final class S3Gate implements Authorizer {
  private static final String ARN_PREFIX = "arn:aws:s3:::";

  private final S3Authorizer authorizer;
  private final Function<String, Optional<Bucket>> buckets;

  public S3Gate(S3Authorizer authorizer, Function<String, Optional<Bucket>> buckets) {
    this.authorizer = authorizer;
    this.buckets = buckets;
  }

  @Override
  public AuthorizationResult decide(AuthorizationRequest request) {
    String arn = request.target() instanceof Target.Arn a ? a.arn() : "*";
    String bucket = bucketOf(arn);
    S3Caller caller =
        request.principal() instanceof Principal.Anonymous
            ? new S3Caller.Anonymous()
            : new S3Caller.Signed(request.principal());
    return authorizer.decide(
        caller,
        new S3Check(request.action(), arn, bucket, request.requestKeys()),
        bucket.isEmpty() ? Optional.empty() : buckets.apply(bucket),
        new S3Authorizer.Environment(
            request.sourceIp(), request.secureTransport(), request.time()));
  }

  /** The bucket an S3 ARN names, empty for {@code *}. */
  static String bucketOf(String arn) {
    if (!arn.startsWith(ARN_PREFIX)) {
      return "";
    }
    String rest = arn.substring(ARN_PREFIX.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}
