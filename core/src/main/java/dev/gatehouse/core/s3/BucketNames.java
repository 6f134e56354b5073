package dev.gatehouse.core.s3;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * S3's naming rules for general purpose buckets.
 *
 * <p>spec: S3 User Guide, "General purpose bucket naming rules": 3 to 63 characters; lowercase
 * letters, digits, dots and hyphens; begin and end with a letter or digit; no two adjacent periods;
 * not formatted as an IP address; not starting with {@code xn--}, {@code sthree-} or {@code
 * amzn-s3-demo-}; not ending with {@code -s3alias}, {@code --ol-s3}, {@code .mrap}, {@code --x-s3}
 * or {@code --table-s3}. S3 answers every violation with InvalidBucketName, "The specified bucket
 * is not valid."
 */
public final class BucketNames {
  private static final Pattern CHARACTERS = Pattern.compile("[a-z0-9.-]+");
  private static final Pattern IP_ADDRESS =
      Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
  private static final List<String> RESERVED_SUFFIXES =
      List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

  private BucketNames() {}

  /**
   * The rule {@code name} breaks, in words (for logs and tests; S3's message does not name it), or
   * empty when the name is valid.
   */
  public static Optional<String> violation(String name) {
    if (name.length() < 3 || name.length() > 63) {
      return Optional.of("must be between 3 and 63 characters long");
    }
    if (!CHARACTERS.matcher(name).matches()) {
      return Optional.of("may contain only lowercase letters, numbers, dots and hyphens");
    }
    if (!alphanumeric(name.charAt(0)) || !alphanumeric(name.charAt(name.length() - 1))) {
      return Optional.of("must begin and end with a letter or number");
    }
    if (name.contains("..")) {
      return Optional.of("must not contain two adjacent periods");
    }
    if (IP_ADDRESS.matcher(name).matches()) {
      return Optional.of("must not be formatted as an IP address");
    }
    for (String prefix : RESERVED_PREFIXES) {
      if (name.startsWith(prefix)) {
        return Optional.of("must not start with the prefix " + prefix);
      }
    }
    for (String suffix : RESERVED_SUFFIXES) {
      if (name.endsWith(suffix)) {
        return Optional.of("must not end with the suffix " + suffix);
      }
    }
    return Optional.empty();
  }

  /**
   * Checks a name for a new bucket.
   *
   * @throws S3Exception InvalidBucketName when any rule is broken
   */
  public static void check(String name) {
    if (violation(name).isPresent()) {
      throw S3Error.INVALID_BUCKET_NAME.exception();
    }
  }

  private static boolean alphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
