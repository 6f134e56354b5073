package dev.gatehouse.core.s3;

/**
 * A bucket's Block Public Access configuration.
 *
 * <p>spec: S3 API Reference, PublicAccessBlockConfiguration; S3 User Guide, "Blocking public access
 * to your Amazon S3 storage": since April 2023 every new bucket has all four settings on.
 */
public record PublicAccessBlock(
    boolean blockPublicAcls,
    boolean ignorePublicAcls,
    boolean blockPublicPolicy,
    boolean restrictPublicBuckets) {

  /** All four settings on: a new bucket's configuration. */
  public static final PublicAccessBlock ALL_ON = new PublicAccessBlock(true, true, true, true);

  /** All four off: what a bucket without a configuration behaves as. */
  public static final PublicAccessBlock ALL_OFF = new PublicAccessBlock(false, false, false, false);
}
