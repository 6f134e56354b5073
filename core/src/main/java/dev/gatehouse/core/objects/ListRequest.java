package dev.gatehouse.core.objects;

import java.util.Objects;

/**
 * A ListObjectsV2 (or V1) page request.
 *
 * @param prefix only keys starting with it ({@code ""}: all)
 * @param delimiter rolls keys up into common prefixes at its first occurrence after the prefix
 *     ({@code ""}: none)
 * @param startAfter only keys after it in UTF-8 binary order ({@code ""}: from the start); V1's
 *     {@code marker}
 * @param continuationToken a previous page's {@link ListResult#nextContinuationToken} ({@code ""}:
 *     none); wins over {@code startAfter}
 * @param maxKeys at most this many keys and common prefixes together (S3: 0 to 1,000)
 */
public record ListRequest(
    String prefix, String delimiter, String startAfter, String continuationToken, int maxKeys) {
  /** spec: ListObjectsV2 "MaxKeys ... returns up to 1,000 key names". */
  public static final int MAX_KEYS = 1000;

  public ListRequest {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(delimiter, "delimiter");
    Objects.requireNonNull(startAfter, "startAfter");
    Objects.requireNonNull(continuationToken, "continuationToken");
    if (maxKeys < 0) {
      throw new ObjectStoreException(
          ObjectError.INVALID_ARGUMENT, "max-keys must be a non-negative integer: " + maxKeys);
    }
    maxKeys = Math.min(maxKeys, MAX_KEYS);
  }

  /** Everything under {@code prefix}, 1,000 a page, no delimiter. */
  public static ListRequest prefix(String prefix) {
    return new ListRequest(prefix, "", "", "", MAX_KEYS);
  }

  public ListRequest withDelimiter(String value) {
    return new ListRequest(prefix, value, startAfter, continuationToken, maxKeys);
  }

  public ListRequest withStartAfter(String value) {
    return new ListRequest(prefix, delimiter, value, continuationToken, maxKeys);
  }

  public ListRequest withContinuationToken(String value) {
    return new ListRequest(prefix, delimiter, startAfter, value, maxKeys);
  }

  public ListRequest withMaxKeys(int value) {
    return new ListRequest(prefix, delimiter, startAfter, continuationToken, value);
  }
}
