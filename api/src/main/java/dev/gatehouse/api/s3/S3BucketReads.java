package dev.gatehouse.api.s3;

import dev.gatehouse.core.s3.Bucket;
import dev.gatehouse.core.s3.S3Error;
import java.util.Set;

/**
 * The bucket configuration reads clients make of every bucket (Terraform's {@code aws_s3_bucket}
 * reads them all after creating one), answered as S3 answers for a bucket that has none of these
 * configurations: an empty versioning configuration, SSE-S3 (AES256) encryption, which S3 applies
 * to every bucket since January 2023, the owner's FULL_CONTROL ACL, BucketOwnerEnforced ownership,
 * and the "not found" errors of the configurations that do not exist until set.
 *
 * <p>spec: S3 API Reference, GetBucketVersioning ("If the versioning state has never been set on a
 * bucket, then no versioning state is returned"), GetBucketEncryption (default encryption SSE-S3),
 * GetBucketCors (NoSuchCORSConfiguration), GetBucketOwnershipControls; S3 User Guide, "Default
 * bucket settings" (ACLs disabled, BucketOwnerEnforced, since April 2023).
 */
final class S3BucketReads {
  private static final Set<String> SERVED =
      Set.of(
          "GetBucketVersioning",
          "GetBucketEncryption",
          "GetBucketAcl",
          "GetObjectAcl",
          "GetBucketCors",
          "GetBucketLifecycleConfiguration",
          "GetBucketWebsite",
          "GetBucketLogging",
          "GetBucketReplication",
          "GetBucketRequestPayment",
          "GetObjectLockConfiguration",
          "GetBucketOwnershipControls",
          "GetBucketAccelerateConfiguration",
          "GetBucketNotificationConfiguration");

  boolean serves(String operation) {
    return SERVED.contains(operation);
  }

  S3Reply run(String operation, Bucket bucket) {
    return switch (operation) {
      case "GetBucketVersioning" ->
          S3Replies.xml(new S3Xml.Writer().root("VersioningConfiguration"));
      case "GetBucketEncryption" ->
          S3Replies.xml(
              new S3Xml.Writer()
                  .root("ServerSideEncryptionConfiguration")
                  .start("Rule")
                  .start("ApplyServerSideEncryptionByDefault")
                  .field("SSEAlgorithm", "AES256")
                  .end()
                  .field("BucketKeyEnabled", false));
      case "GetBucketAcl", "GetObjectAcl" -> S3Replies.xml(ownerFullControl(bucket));
      case "GetBucketCors" -> throw S3Refusal.of(S3Error.NO_SUCH_CORS_CONFIGURATION);
      case "GetBucketLifecycleConfiguration" ->
          throw S3Refusal.of(S3Error.NO_SUCH_LIFECYCLE_CONFIGURATION);
      case "GetBucketWebsite" -> throw S3Refusal.of(S3Error.NO_SUCH_WEBSITE_CONFIGURATION);
      case "GetBucketLogging" -> S3Replies.xml(new S3Xml.Writer().root("BucketLoggingStatus"));
      case "GetBucketReplication" ->
          throw S3Refusal.of(S3Error.REPLICATION_CONFIGURATION_NOT_FOUND);
      case "GetBucketRequestPayment" ->
          S3Replies.xml(
              new S3Xml.Writer().root("RequestPaymentConfiguration").field("Payer", "BucketOwner"));
      case "GetObjectLockConfiguration" ->
          throw S3Refusal.of(S3Error.OBJECT_LOCK_CONFIGURATION_NOT_FOUND);
      case "GetBucketOwnershipControls" ->
          S3Replies.xml(
              new S3Xml.Writer()
                  .root("OwnershipControls")
                  .start("Rule")
                  .field("ObjectOwnership", "BucketOwnerEnforced"));
      case "GetBucketAccelerateConfiguration" ->
          S3Replies.xml(new S3Xml.Writer().root("AccelerateConfiguration"));
      case "GetBucketNotificationConfiguration" ->
          S3Replies.xml(new S3Xml.Writer().root("NotificationConfiguration"));
      default -> throw S3Refusal.of(S3Error.NOT_IMPLEMENTED, operation + " is not implemented");
    };
  }

  /** The bucket owner with FULL_CONTROL, the only grant of a bucket with ACLs disabled. */
  private static S3Xml.Writer ownerFullControl(Bucket bucket) {
    String id = bucket.ownerCanonicalId();
    return new S3Xml.Writer()
        .root("AccessControlPolicy")
        .start("Owner")
        .field("ID", id)
        .field("DisplayName", bucket.ownerAccountId())
        .end()
        .start("AccessControlList")
        .start("Grant")
        .start(
            "Grantee",
            "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"")
        .field("ID", id)
        .field("DisplayName", bucket.ownerAccountId())
        .end()
        .field("Permission", "FULL_CONTROL");
  }
}
