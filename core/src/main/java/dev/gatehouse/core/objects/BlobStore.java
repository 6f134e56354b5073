package dev.gatehouse.core.objects;

import java.io.InputStream;
import java.util.List;

/**
 * Durable storage of immutable byte runs under ids it chooses; the bytes of the embedded object
 * store. It knows nothing of keys, buckets or S3.
 */
public interface BlobStore {
  /**
   * Stores everything {@code body} yields until its end, durably, under a fresh id. If the stream
   * throws, nothing is left behind and the stream's exception propagates (checked ones as {@code
   * InternalError}).
   */
  String write(InputStream body);

  /** {@code length} bytes of the blob from {@code offset}. */
  InputStream read(String id, long offset, long length);

  /** Deletes the blob; an absent id is not an error. */
  void delete(String id);

  /** Every blob's id, for orphan collection at start-up. */
  List<String> ids();
}
