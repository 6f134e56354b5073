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

  /**
   * Seals the {@code length} bytes {@code body} yields (a small object's: the caller bounds it) as
   * a fresh blob, encrypted and authenticated as {@link #write} would, but stores nothing: the
   * returned {@link BlobRef} carries the sealed bytes for its caller to store (in the catalog
   * record, so that the record's commit makes them durable). Reads {@code body} to its end; if it
   * throws, its exception propagates as in {@link #write}.
   */
  BlobRef seal(InputStream body, long length);

  /** {@code length} bytes of the blob from {@code offset}. */
  InputStream read(String id, long offset, long length);

  /**
   * {@code length} bytes from {@code offset} of a blob sealed by {@link #seal}: refused ({@code
   * InternalError}) when its sealed bytes fail authentication or were sealed for another id.
   */
  InputStream read(BlobRef inline, long offset, long length);

  /** Deletes the blob; an absent id is not an error. */
  void delete(String id);

  /** Every blob's id, for orphan collection at start-up. */
  List<String> ids();
}
