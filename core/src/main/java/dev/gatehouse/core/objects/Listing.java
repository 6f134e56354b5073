package dev.gatehouse.core.objects;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * S3's listing over any store that can scan keys in order: prefix, delimiter roll-up into common
 * prefixes, start-after, continuation tokens and max-keys.
 *
 * <p>spec: S3 API Reference ListObjectsV2: keys and common prefixes together count against MaxKeys;
 * a common prefix is the prefix plus the key's text up to and including the first delimiter after
 * the prefix; results in UTF-8 binary order.
 */
public final class Listing {
  /** Keys in order from a position on. */
  @FunctionalInterface
  public interface Scanner {
    /**
     * Up to {@code limit} objects whose key starts with {@code prefix} and whose sort key ({@link
     * ObjectKeys#sortKey}) is greater than {@code afterSortKey}, in sort-key order.
     */
    List<ObjectInfo> scan(String prefix, String afterSortKey, int limit);
  }

  private static final String TOKEN_PREFIX = "gh1:";

  private Listing() {}

  /** One page of {@code request} over {@code scanner}. */
  public static ListResult page(ListRequest request, Scanner scanner) {
    String position = start(request);
    List<ObjectInfo> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String marker = "";
    int max = request.maxKeys();
    String prefix = request.prefix();
    String delimiter = request.delimiter();
    boolean exhausted = false;
    scanning:
    while (objects.size() + prefixes.size() < max) {
      int want = max - objects.size() - prefixes.size();
      List<ObjectInfo> batch = scanner.scan(prefix, position, want);
      if (batch.isEmpty()) {
        exhausted = true;
        break;
      }
      for (ObjectInfo o : batch) {
        String key = o.key();
        int cut = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
        if (cut >= 0) {
          String common = key.substring(0, cut + delimiter.length());
          prefixes.add(common);
          marker = common;
          position = ObjectKeys.pastPrefix(common);
          // Keys under this common prefix are skipped by scanning again past it.
          continue scanning;
        }
        objects.add(o);
        marker = key;
        position = ObjectKeys.sortKey(key);
      }
      if (batch.size() < want) {
        exhausted = true;
        break;
      }
    }
    boolean truncated = max > 0 && !exhausted && !scanner.scan(prefix, position, 1).isEmpty();
    return new ListResult(objects, prefixes, truncated, truncated ? token(position) : "", marker);
  }

  private static String start(ListRequest request) {
    if (!request.continuationToken().isEmpty()) {
      return fromToken(request.continuationToken());
    }
    return request.startAfter().isEmpty() ? "" : ObjectKeys.sortKey(request.startAfter());
  }

  private static String token(String position) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((TOKEN_PREFIX + position).getBytes(StandardCharsets.US_ASCII));
  }

  private static String fromToken(String token) {
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      decoded = "";
    }
    String position = decoded.startsWith(TOKEN_PREFIX) ? decoded.substring(4) : "";
    if (position.isEmpty() || !position.matches("[0-9a-f]*")) {
      throw new ObjectStoreException(
          ObjectError.INVALID_ARGUMENT, "The continuation token provided is incorrect: " + token);
    }
    return position;
  }
}
