package dev.gatehouse.core.objects;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Object key rules and S3's listing order.
 *
 * <p>spec: S3 User Guide, "Naming Amazon S3 objects": a key is a sequence of Unicode characters
 * whose UTF-8 encoding is at most 1,024 bytes; "List results are always returned in UTF-8 binary
 * order". Java's {@code String.compareTo} orders UTF-16 units, which differs for characters above
 * U+FFFF, so stores order keys by {@link #sortKey}: the lower-case hex of the UTF-8 bytes, whose
 * string order is the byte order under any collation of the digits and {@code a-f}.
 */
public final class ObjectKeys {
  /** spec: "The name for a key is a sequence of Unicode characters ... up to 1,024 bytes long". */
  public static final int MAX_KEY_BYTES = 1024;

  private ObjectKeys() {}

  /** Refuses an empty key, a key over 1,024 UTF-8 bytes, and one that is not well-formed UTF-16. */
  public static void requireValid(String key) {
    if (key == null || key.isEmpty()) {
      throw new ObjectStoreException(ObjectError.INVALID_ARGUMENT, "the object key is empty");
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= key.length() || !Character.isLowSurrogate(key.charAt(i + 1))) {
          throw badUnicode(i);
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw badUnicode(i);
      }
    }
    int bytes = key.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_KEY_BYTES) {
      throw new ObjectStoreException(
          ObjectError.INVALID_ARGUMENT,
          "the object key is " + bytes + " bytes of UTF-8; at most " + MAX_KEY_BYTES + " allowed");
    }
  }

  private static ObjectStoreException badUnicode(int index) {
    return new ObjectStoreException(
        ObjectError.INVALID_ARGUMENT, "the object key has an unpaired surrogate at index " + index);
  }

  /** The key's sort key: lower-case hex of its UTF-8 bytes (empty for the empty string). */
  public static String sortKey(String key) {
    return HexFormat.of().formatHex(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The key a sort key stands for. */
  public static String fromSortKey(String hex) {
    return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
  }

  /**
   * A sort key above every key that starts with {@code prefix} and below every greater key that
   * does not: {@code ff} can follow no byte of UTF-8, so {@code hex(prefix) + "ff"} is such a
   * bound.
   */
  public static String pastPrefix(String prefix) {
    return sortKey(prefix) + "ff";
  }
}
