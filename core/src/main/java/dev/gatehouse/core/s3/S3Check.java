package dev.gatehouse.core.s3;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One authorization check an S3 call needs: an action on a resource, with the condition keys the
 * request carries for it. A call is allowed only when every one of its checks is.
 *
 * @param action {@code s3:GetObject}
 * @param resourceArn {@code *}, {@code arn:aws:s3:::bucket} or {@code arn:aws:s3:::bucket/key}
 * @param bucket the bucket whose policy and public access block govern the check; empty for {@code
 *     *}
 * @param requestKeys condition keys from the request (s3:prefix, s3:x-amz-acl,
 *     s3:ExistingObjectTag/KEY, s3:authType...), names as AWS spells them
 */
public record S3Check(
    String action, String resourceArn, String bucket, Map<String, List<String>> requestKeys) {
  public S3Check {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resourceArn, "resourceArn");
    Objects.requireNonNull(bucket, "bucket");
    requestKeys = Map.copyOf(requestKeys);
  }
}
