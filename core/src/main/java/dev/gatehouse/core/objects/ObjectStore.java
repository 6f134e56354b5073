package dev.gatehouse.core.objects;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Where the bytes of Gatehouse's S3 live: the embedded filesystem store or an S3-compatible
 * backend.
 *
 * <p>Buckets here are backend buckets: {@link #createBucket} returns an opaque location that the
 * bucket registry keeps beside the Gatehouse bucket, and every other call names it. Authorization,
 * naming rules and policies are decided before a call reaches a store.
 *
 * <p>INVARIANT: a write is all or nothing. A put or part upload whose body stream throws or ends
 * before its declared length leaves nothing visible and nothing stored; an acknowledged write is
 * durable. Errors are {@link ObjectStoreException}s with S3 codes; a failing body stream's own
 * unchecked exception (for example a chunk whose signature failed) propagates unchanged.
 */
public interface ObjectStore {
  /** Creates the backend bucket for Gatehouse bucket {@code bucket}; returns its location. */
  String createBucket(String bucket);

  /** Deletes an empty backend bucket ({@code BucketNotEmpty} otherwise). */
  void deleteBucket(String location);

  /**
   * Stores {@code body}, exactly {@code write.length()} bytes of it, as {@code write.key()},
   * replacing any object of that key once the bytes are durable.
   */
  ObjectInfo put(String location, ObjectWrite write, InputStream body);

  /** The whole object; {@code NoSuchKey} when absent. */
  ObjectContent get(String location, String key);

  /** A byte range of the object; {@code InvalidRange} when it selects no byte. */
  ObjectContent get(String location, String key, ByteRange range);

  ObjectInfo head(String location, String key);

  /** Deletes the object; deleting an absent key succeeds, as in S3. */
  void delete(String location, String key);

  ListResult list(String location, ListRequest request);

  /** Copies an object with its attributes (S3's {@code x-amz-metadata-directive: COPY}). */
  ObjectInfo copy(String sourceLocation, String sourceKey, String location, String key);

  /** Copies an object's bytes with new attributes ({@code REPLACE}). */
  ObjectInfo copy(
      String sourceLocation,
      String sourceKey,
      String location,
      String key,
      ObjectAttributes attributes);

  /** Replaces an object's tags (PutObjectTagging; an empty map is DeleteObjectTagging). */
  ObjectInfo putTags(String location, String key, Map<String, String> tags);

  Upload createUpload(String location, String key, ObjectAttributes attributes);

  /** Stores a part (1 to 10,000) of exactly {@code length} bytes, replacing one of that number. */
  PartInfo uploadPart(
      String location, String key, String uploadId, int partNumber, long length, InputStream body);

  /** The upload's parts by part number. */
  List<PartInfo> listParts(String location, String key, String uploadId);

  /** Uploads in progress whose key starts with {@code prefix}, by key then initiation. */
  List<Upload> listUploads(String location, String prefix);

  /**
   * Completes the upload from the named parts, under S3's rules ({@link MultipartRules}); the
   * object appears at once, whole.
   */
  ObjectInfo completeUpload(
      String location, String key, String uploadId, List<CompletedPart> parts);

  void abortUpload(String location, String key, String uploadId);
}
