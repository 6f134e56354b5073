package dev.gatehouse.core.objects;

import java.util.List;
import java.util.Objects;

/**
 * A page of a listing: objects and common prefixes, each in UTF-8 binary order.
 *
 * @param nextContinuationToken opaque; {@code ""} when the listing is not truncated
 * @param nextMarker the last key or common prefix of this page (V1's {@code NextMarker}); {@code
 *     ""} when the page is empty
 */
public record ListResult(
    List<ObjectInfo> objects,
    List<String> commonPrefixes,
    boolean truncated,
    String nextContinuationToken,
    String nextMarker) {
  public ListResult {
    objects = List.copyOf(objects);
    commonPrefixes = List.copyOf(commonPrefixes);
    Objects.requireNonNull(nextContinuationToken, "nextContinuationToken");
    Objects.requireNonNull(nextMarker, "nextMarker");
  }

  /** The number of keys and common prefixes (S3's {@code KeyCount}). */
  public int keyCount() {
    return objects.size() + commonPrefixes.size();
  }
}
