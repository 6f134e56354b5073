/**
 * S3's domain rules (DESIGN decision 11): which actions, resources and condition keys each S3
 * operation needs ({@link dev.gatehouse.core.s3.S3Operations}, data in {@code operations.tsv}), how
 * bucket policies, Block Public Access and identity policies decide together ({@link
 * dev.gatehouse.core.s3.S3Authorizer}), the bucket rules ({@link dev.gatehouse.core.s3.Buckets}),
 * the bucket store port ({@link dev.gatehouse.core.s3.BucketStore}) and S3's error table ({@link
 * dev.gatehouse.core.s3.S3Error}). Object bytes live behind the object-store port; this package
 * sees them only through {@link dev.gatehouse.core.s3.BucketStorage}.
 */
package dev.gatehouse.core.s3;
