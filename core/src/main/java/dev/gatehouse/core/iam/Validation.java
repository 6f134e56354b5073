package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.GatehouseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Parameter constraints of the IAM API model (spec: botocore iam-2010-05-08 shapes, as summarised
 * in AWS-FACTS §2.4), reported the way AWS's model validation reports them: {@code ValidationError}
 * "1 validation error detected: Value 'x' at 'userName' failed to satisfy constraint: Member must
 * ...".
 */
final class Validation {
  static final String NAME_PATTERN = "[\\w+=,.@-]+";
  static final String PATH_PATTERN = "(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)";
  static final String POLICY_PATH_PATTERN = "((/[A-Za-z0-9\\.,\\+@=_-]+)*)/";
  static final String PATH_PREFIX_PATTERN = "\\u002F[\\u0021-\\u007F]*";
  static final String DOCUMENT_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";
  static final String DESCRIPTION_PATTERN =
      "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*";
  static final String TAG_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";
  static final String ACCESS_KEY_ID_PATTERN = "[\\w]+";
  static final String ALIAS_PATTERN = "^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$";
  static final String VERSION_ID_PATTERN = "v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?";
  static final int MAX_DOCUMENT = 131_072;
  static final int MAX_TAGS = 50;

  private Validation() {}

  static GatehouseException error(String param, String value, String constraint) {
    return GatehouseException.validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + param
            + "' failed to satisfy constraint: Member must "
            + constraint);
  }

  static void length(String param, String value, int min, int max) {
    if (value.length() < min) {
      throw error(param, value, "have length greater than or equal to " + min);
    }
    if (value.length() > max) {
      throw error(param, value, "have length less than or equal to " + max);
    }
  }

  /** Compiled once per pattern text: every request validates its names. */
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  static void pattern(String param, String value, String regex) {
    Pattern compiled = PATTERNS.computeIfAbsent(regex, r -> Pattern.compile(r, Pattern.DOTALL));
    if (!compiled.matcher(value).matches()) {
      throw error(param, value, "satisfy regular expression pattern: " + regex);
    }
  }

  /**
   * A constraint on a secret (a private key): the message names the parameter and the rule, never
   * the value (as AWS does for sensitive members).
   */
  static void secret(String param, String value, int min, int max, String regex) {
    String rule = null;
    if (value.length() < min) {
      rule = "have length greater than or equal to " + min;
    } else if (value.length() > max) {
      rule = "have length less than or equal to " + max;
    } else if (!PATTERNS
        .computeIfAbsent(regex, r -> Pattern.compile(r, Pattern.DOTALL))
        .matcher(value)
        .matches()) {
      rule = "satisfy regular expression pattern: " + regex;
    }
    if (rule != null) {
      throw GatehouseException.validation(
          "1 validation error detected: Value at '"
              + param
              + "' failed to satisfy constraint: Member must "
              + rule);
    }
  }

  static void shape(String param, String value, int min, int max, String regex) {
    length(param, value, min, max);
    pattern(param, value, regex);
  }

  static void name(String param, String value, int max) {
    shape(param, value, 1, max, NAME_PATTERN);
  }

  /** A path, or "/" when not given. */
  static String path(String param, String value) {
    if (value.isEmpty()) {
      return "/";
    }
    shape(param, value, 1, 512, PATH_PATTERN);
    return value;
  }

  static String policyPath(String value) {
    if (value.isEmpty()) {
      return "/";
    }
    shape("path", value, 1, 512, POLICY_PATH_PATTERN);
    return value;
  }

  /** A path prefix, or "/" (everything) when not given. */
  static String pathPrefix(String value) {
    if (value.isEmpty()) {
      return "/";
    }
    shape("pathPrefix", value, 1, 512, PATH_PREFIX_PATTERN);
    return value;
  }

  static void document(String param, String value) {
    shape(param, value, 1, MAX_DOCUMENT, DOCUMENT_PATTERN);
  }

  static void policyArn(String param, String value) {
    length(param, value, 20, 2048);
  }

  static void description(String value) {
    shape("description", value, 0, 1000, DESCRIPTION_PATTERN);
  }

  static void maxSessionDuration(int seconds) {
    if (seconds < 3600) {
      throw error(
          "maxSessionDuration",
          Integer.toString(seconds),
          "have value greater than or equal to 3600");
    }
    if (seconds > 43200) {
      throw error(
          "maxSessionDuration",
          Integer.toString(seconds),
          "have value less than or equal to 43200");
    }
  }

  static void accessKeyId(String value) {
    shape("accessKeyId", value, 16, 128, ACCESS_KEY_ID_PATTERN);
  }

  static void versionId(String value) {
    pattern("versionId", value, VERSION_ID_PATTERN);
  }

  /**
   * spec: TagUser/TagRole: 1-50 tags, key 1-128, value 0-256, no duplicate keys (compared
   * case-insensitively for IAM users and roles), no {@code aws:} prefix.
   */
  static void tags(List<Tag> tags) {
    if (tags.size() > MAX_TAGS) {
      throw GatehouseException.validation(
          "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must"
              + " have length less than or equal to "
              + MAX_TAGS);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < tags.size(); i++) {
      Tag t = tags.get(i);
      String at = "tags." + (i + 1) + ".member";
      shape(at + ".key", t.key(), 1, 128, TAG_PATTERN);
      shape(at + ".value", t.value(), 0, 256, TAG_PATTERN);
      String lower = t.key().toLowerCase(Locale.ROOT);
      if (lower.startsWith("aws:")) {
        throw GatehouseException.invalidInput(
            "User-defined tag keys can't start with \"aws:\". This prefix is reserved for AWS"
                + " tags.");
      }
      if (!seen.add(lower)) {
        throw GatehouseException.invalidInput(
            "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
      }
    }
  }

  static void tagKeys(List<String> keys) {
    if (keys.size() > MAX_TAGS) {
      throw GatehouseException.validation(
          "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member"
              + " must have length less than or equal to "
              + MAX_TAGS);
    }
    for (int i = 0; i < keys.size(); i++) {
      shape("tagKeys." + (i + 1) + ".member", keys.get(i), 1, 128, TAG_PATTERN);
    }
  }

  /** Policy size as IAM counts it: characters other than whitespace. */
  static int sizeWithoutWhitespace(String document) {
    int n = 0;
    for (int i = 0; i < document.length(); i++) {
      if (!Character.isWhitespace(document.charAt(i))) {
        n++;
      }
    }
    return n;
  }
}
