package dev.gatehouse.core.sts;

import dev.gatehouse.core.error.GatehouseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Checks STS request parameters against AWS's model constraints and reports every violation in one
 * {@code ValidationError}, worded as AWS words it:
 *
 * <pre>
 * 1 validation error detected: Value 'a:b' at 'roleSessionName' failed to satisfy constraint:
 * Member must satisfy regular expression pattern: [\w+=,.@-]*
 * </pre>
 *
 * Several violations read {@code "N validation errors detected: A; B"}. Within one member the
 * pattern violation comes before the length violation. Tag keys and values are not echoed ({@code
 * "Value at 'tags.1.member.key'"}), as AWS does not echo them.
 *
 * <p>spec: botocore sts-2011-06-15 service model (lengths, ranges, patterns) and AWS-FACTS 2.1;
 * message wording from AWS responses quoted in client issue trackers (e.g. "1 validation error
 * detected: Value 'a:b' at 'roleSessionName' ...", JuliaCloud/AWSCore.jl#38).
 *
 * <p>Call the methods for the parameters present in the request, then {@link #throwIfInvalid()}.
 */
public final class StsValidator {

  /** Pattern of RoleSessionName, SourceIdentity and the federated user Name. */
  public static final String NAME_PATTERN = "[\\w+=,.@-]*";

  /** Pattern of ExternalId, as the model writes it. */
  public static final String EXTERNAL_ID_PATTERN = "[\\w+=,.@:\\/-]*";

  /** Pattern of SerialNumber. */
  public static final String SERIAL_NUMBER_PATTERN = "[\\w+=/:,.@-]*";

  /** Pattern of TokenCode. */
  public static final String TOKEN_CODE_PATTERN = "[\\d]*";

  /** Pattern of session tag keys (the model's tagKeyType). */
  public static final String TAG_KEY_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";

  /** Pattern of session tag values. */
  public static final String TAG_VALUE_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";

  /** Pattern of policy documents (sessionPolicyDocumentType). */
  public static final String POLICY_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";

  /** Pattern of ARNs (arnType). */
  public static final String ARN_PATTERN =
      "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+";

  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
  private static final Pattern EXTERNAL_ID = Pattern.compile(EXTERNAL_ID_PATTERN);
  private static final Pattern SERIAL_NUMBER = Pattern.compile(SERIAL_NUMBER_PATTERN);
  private static final Pattern TOKEN_CODE = Pattern.compile(TOKEN_CODE_PATTERN);
  // \p{L} etc. must see Unicode letters; UNICODE_CHARACTER_CLASS is not needed for \p classes.
  private static final Pattern TAG_KEY = Pattern.compile(TAG_KEY_PATTERN);
  private static final Pattern TAG_VALUE = Pattern.compile(TAG_VALUE_PATTERN);
  private static final Pattern POLICY = Pattern.compile(POLICY_PATTERN);
  // Java regex has no \\u10000 escape; this is the same set written with code point escapes.
  private static final Pattern ARN =
      Pattern.compile(
          "[\\x{9}\\x{A}\\x{D}\\x{20}-\\x{7E}\\x{85}\\x{A0}-\\x{D7FF}\\x{E000}-\\x{FFFD}"
              + "\\x{10000}-\\x{10FFFF}]+");

  /** Most managed policy ARNs per request. */
  public static final int MAX_POLICY_ARNS = 10;

  /** Most session tags (and transitive tag keys) per request. */
  public static final int MAX_TAGS = 50;

  /** Longest inline session policy, in characters. */
  public static final int MAX_POLICY_CHARS = 2048;

  private final List<String> violations = new ArrayList<>();

  private StsValidator() {}

  /** A validator with no violations yet. */
  public static StsValidator create() {
    return new StsValidator();
  }

  /** RoleArn: 20-2048 characters. */
  public StsValidator roleArn(String value) {
    return arn("roleArn", value);
  }

  /** RoleSessionName: 2-64 of {@code [\w+=,.@-]}. */
  public StsValidator roleSessionName(String value) {
    return string("roleSessionName", value, NAME, NAME_PATTERN, 2, 64, true);
  }

  /** WebIdentityToken: 4-20000 characters; never echoed (it is a credential). */
  public StsValidator webIdentityToken(String value) {
    return string("webIdentityToken", value, ARN, ARN_PATTERN, 4, 20000, false);
  }

  /** ProviderId: 4-2048 characters. */
  public StsValidator providerId(String value) {
    return string("providerId", value, ARN, ARN_PATTERN, 4, 2048, true);
  }

  /** The federated user's Name (GetFederationToken): 2-32 of {@code [\w+=,.@-]}. */
  public StsValidator federatedUserName(String value) {
    return string("name", value, NAME, NAME_PATTERN, 2, 32, true);
  }

  /** ExternalId: 2-1224 of {@code [\w+=,.@:/-]}. */
  public StsValidator externalId(String value) {
    return string("externalId", value, EXTERNAL_ID, EXTERNAL_ID_PATTERN, 2, 1224, true);
  }

  /** SerialNumber: 9-256 of {@code [\w+=/:,.@-]}. */
  public StsValidator serialNumber(String value) {
    return string("serialNumber", value, SERIAL_NUMBER, SERIAL_NUMBER_PATTERN, 9, 256, true);
  }

  /** TokenCode: exactly six digits. */
  public StsValidator tokenCode(String value) {
    return string("tokenCode", value, TOKEN_CODE, TOKEN_CODE_PATTERN, 6, 6, true);
  }

  /**
   * SourceIdentity: 2-64 of {@code [\w+=,.@-]}, and not starting with {@code aws:} (spec: STS
   * AssumeRole, SourceIdentity: "You cannot use a value that begins with the text aws:. This prefix
   * is reserved for Amazon Web Services internal use."). The pattern already excludes the colon;
   * the prefix rule is still checked on its own so the reason is stated.
   */
  public StsValidator sourceIdentity(String value) {
    string("sourceIdentity", value, NAME, NAME_PATTERN, 2, 64, true);
    if (value.regionMatches(true, 0, "aws:", 0, 4)) {
      violations.add(
          "Value '"
              + value
              + "' at 'sourceIdentity' failed to satisfy constraint: Member must not begin with"
              + " the reserved prefix aws:");
    }
    return this;
  }

  /** Policy: 1-2048 characters from tab, line feed, carriage return and U+0020-U+00FF. */
  public StsValidator policy(String value) {
    return string("policy", value, POLICY, POLICY_PATTERN, 1, MAX_POLICY_CHARS, true);
  }

  /** PolicyArns: at most 10, each ARN 20-2048 characters. */
  public StsValidator policyArns(List<String> arns) {
    for (int i = 0; i < arns.size(); i++) {
      arn("policyArns." + (i + 1) + ".member.arn", arns.get(i));
    }
    if (arns.size() > MAX_POLICY_ARNS) {
      violations.add(
          "Value '"
              + arns
              + "' at 'policyArns' failed to satisfy constraint: Member must have length less"
              + " than or equal to "
              + MAX_POLICY_ARNS);
    }
    return this;
  }

  /** Tags: at most 50; keys 1-128, values 0-256 characters from the tag pattern. */
  public StsValidator tags(List<SessionTag> tags) {
    for (int i = 0; i < tags.size(); i++) {
      String at = "tags." + (i + 1) + ".member.";
      string(at + "key", tags.get(i).key(), TAG_KEY, TAG_KEY_PATTERN, 1, 128, false);
      string(at + "value", tags.get(i).value(), TAG_VALUE, TAG_VALUE_PATTERN, 0, 256, false);
    }
    if (tags.size() > MAX_TAGS) {
      violations.add(
          "Value at 'tags' failed to satisfy constraint: Member must have length less than or"
              + " equal to "
              + MAX_TAGS);
    }
    return this;
  }

  /** TransitiveTagKeys: at most 50 keys, each 1-128 characters from the tag key pattern. */
  public StsValidator transitiveTagKeys(List<String> keys) {
    for (int i = 0; i < keys.size(); i++) {
      string(
          "transitiveTagKeys." + (i + 1) + ".member",
          keys.get(i),
          TAG_KEY,
          TAG_KEY_PATTERN,
          1,
          128,
          false);
    }
    if (keys.size() > MAX_TAGS) {
      violations.add(
          "Value at 'transitiveTagKeys' failed to satisfy constraint: Member must have length"
              + " less than or equal to "
              + MAX_TAGS);
    }
    return this;
  }

  /** A required parameter that is missing: {@code Value null at 'x' ... must not be null}. */
  public StsValidator missing(String member) {
    violations.add(
        "Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
    return this;
  }

  /**
   * A required parameter: {@link #missing} when absent, else checked by {@code check}.
   *
   * @return {@code value}, for the caller to read once the validator threw for what is invalid
   */
  public Optional<String> required(String member, Optional<String> value, Consumer<String> check) {
    if (value.isEmpty()) {
      missing(member);
    } else {
      check.accept(value.get());
    }
    return value;
  }

  /** A number parameter within {@code [min, max]}, e.g. DurationSeconds. */
  public StsValidator range(String member, long value, long min, long max) {
    if (value < min) {
      violations.add(
          "Value '"
              + value
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have value greater than or equal to "
              + min);
    }
    if (value > max) {
      violations.add(
          "Value '"
              + value
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have value less than or equal to "
              + max);
    }
    return this;
  }

  /** The violations so far, in order. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** AWS's message for the violations, e.g. {@code "1 validation error detected: ..."}. */
  public static String message(List<String> violations) {
    int n = violations.size();
    return n
        + (n == 1 ? " validation error detected: " : " validation errors detected: ")
        + String.join("; ", violations);
  }

  /**
   * Throws when anything was violated.
   *
   * @throws GatehouseException {@code ValidationError} listing every violation
   */
  public void throwIfInvalid() {
    if (!violations.isEmpty()) {
      throw GatehouseException.validation(message(violations));
    }
  }

  private StsValidator arn(String member, String value) {
    return string(member, value, ARN, ARN_PATTERN, 20, 2048, true);
  }

  private StsValidator string(
      String member,
      String value,
      Pattern pattern,
      String patternText,
      int min,
      int max,
      boolean echo) {
    String shown = echo ? "Value '" + value + "' at '" : "Value at '";
    String prefix = shown + member + "' failed to satisfy constraint: Member must ";
    if (!value.isEmpty() && !pattern.matcher(value).matches()) {
      violations.add(prefix + "satisfy regular expression pattern: " + patternText);
    }
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      violations.add(prefix + "have length greater than or equal to " + min);
    }
    if (length > max) {
      violations.add(prefix + "have length less than or equal to " + max);
    }
    return this;
  }
}
