package dev.gatehouse.core.org;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.error.ErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Input rules of the Organizations actions, from the service model's shapes (spec: botocore
 * organizations-2016-11-28: Email, CreateAccountName, RoleName, AccountId, CreateAccountRequestId,
 * ChildId, MaxResults, TagKey, TagValue). A broken rule is InvalidInputException with AWS's Reason;
 * the message names the member and the rule, never the value (e-mail addresses and account names
 * are sensitive in the model).
 */
final class OrganizationsValidation {
  static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@]+");
  static final Pattern ACCOUNT_NAME = Pattern.compile("[\\u0020-\\u007E]+");
  static final Pattern ROLE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  static final Pattern REQUEST_ID = Pattern.compile(CreateAccountStatus.ID_PATTERN);

  /**
   * spec: TaggableResourceId (an account id, or a root, OU, policy, resource policy or transfer).
   */
  static final Pattern RESOURCE_ID =
      Pattern.compile(
          "r-[0-9a-z]{4,32}|\\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|p-[0-9a-zA-Z_]{8,128}"
              + "|rp-[0-9a-zA-Z_]{4,128}|rt-[0-9a-zA-Z_]{8,32}");

  /** spec: ChildId (an account or an OU; never a root). */
  static final Pattern CHILD_ID = Pattern.compile("\\d{12}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");

  static final Pattern TAG = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  /** spec: Organizations quotas, "Number of tags that you can attach to a resource": 50. */
  static final int MAX_TAGS = 50;

  private OrganizationsValidation() {}

  static void required(String member, String value) {
    if (value.isEmpty()) {
      throw OrganizationsErrors.invalidInput(
          "INPUT_REQUIRED", member + ": you must specify a value.");
    }
  }

  static void length(String member, String value, int min, int max) {
    int n = value.codePointCount(0, value.length());
    if (n < min) {
      throw OrganizationsErrors.invalidInput(
          "MIN_LENGTH_EXCEEDED",
          member + ": you provided a value shorter than the minimum length of " + min + ".");
    }
    if (n > max) {
      throw OrganizationsErrors.invalidInput(
          "MAX_LENGTH_EXCEEDED",
          member + ": you provided a value longer than the maximum length of " + max + ".");
    }
  }

  static void pattern(String member, String value, Pattern pattern, String reason) {
    if (!pattern.matcher(value).matches()) {
      throw OrganizationsErrors.invalidInput(
          reason,
          member
              + ": you provided a value that does not match the required pattern "
              + pattern.pattern()
              + ".");
    }
  }

  static void email(String value) {
    required("Email", value);
    length("Email", value, 6, 64);
    pattern("Email", value, EMAIL, "INVALID_EMAIL_ADDRESS_TARGET");
  }

  static void accountName(String value) {
    required("AccountName", value);
    length("AccountName", value, 1, 50);
    pattern("AccountName", value, ACCOUNT_NAME, "INVALID_PATTERN");
  }

  static void roleName(String value) {
    pattern("RoleName", value, ROLE_NAME, "INVALID_ROLE_NAME");
  }

  static void accountId(String value) {
    required("AccountId", value);
    pattern("AccountId", value, ACCOUNT_ID, "INVALID_PATTERN");
  }

  /** spec: TaggableResourceId, at most 130 characters. */
  static void resourceId(String value) {
    required("ResourceId", value);
    length("ResourceId", value, 1, 130);
    pattern("ResourceId", value, RESOURCE_ID, "INVALID_PATTERN");
  }

  /** spec: UntagResource TagKeys, each a TagKey. */
  static void tagKeys(List<String> keys) {
    for (String key : keys) {
      length("TagKeys", key, 1, 128);
      pattern("TagKeys", key, TAG, "INVALID_PATTERN");
    }
  }

  /** spec: ChildId, at most 100 characters. */
  static void childId(String value) {
    required("ChildId", value);
    length("ChildId", value, 1, 100);
    pattern("ChildId", value, CHILD_ID, "INVALID_PATTERN");
  }

  /**
   * The NextToken of a list whose every page Gatehouse answers whole, so that it never issues one:
   * any token sent is not one of its own.
   */
  static void noNextToken(String nextToken) {
    if (!nextToken.isEmpty()) {
      throw invalidNextToken();
    }
  }

  static OrganizationsException invalidNextToken() {
    return OrganizationsErrors.invalidInput(
        "INVALID_NEXT_TOKEN", "NextToken: the token is not one this service issued.");
  }

  static void requestId(String value) {
    required("CreateAccountRequestId", value);
    pattern("CreateAccountRequestId", value, REQUEST_ID, "INVALID_PATTERN");
  }

  static <E extends Enum<E>> E oneOf(String member, String value, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return e;
      }
    }
    throw OrganizationsErrors.invalidInput(
        "INVALID_ENUM",
        member
            + ": you provided a value that is not one of "
            + List.of(type.getEnumConstants())
            + ".");
  }

  /** spec: MaxResults 1-20. */
  static int maxResults(int value) {
    if (value < 1) {
      throw OrganizationsErrors.invalidInput(
          "MIN_VALUE_EXCEEDED", "MaxResults: you provided a value less than the minimum of 1.");
    }
    if (value > 20) {
      throw OrganizationsErrors.invalidInput(
          "MAX_VALUE_EXCEEDED", "MaxResults: you provided a value greater than the maximum of 20.");
    }
    return value;
  }

  /** spec: Organizations quotas; the resource's tags after the request counted. */
  static void tagCount(int count) {
    if (count > MAX_TAGS) {
      throw new OrganizationsException(
          ErrorCode.CONSTRAINT_VIOLATION,
          "MAX_TAG_LIMIT_EXCEEDED",
          "Tags: you can attach at most " + MAX_TAGS + " tags to a resource.");
    }
  }

  /** spec: Tag keys 1-128, values 0-256 characters of the tag alphabet; no {@code aws:} keys. */
  static void tags(List<Tag> tags) {
    tagCount(tags.size());
    Set<String> keys = new HashSet<>();
    for (Tag tag : tags) {
      length("Tags.Key", tag.key(), 1, 128);
      pattern("Tags.Key", tag.key(), TAG, "INVALID_PATTERN");
      length("Tags.Value", tag.value(), 0, 256);
      pattern("Tags.Value", tag.value(), TAG, "INVALID_PATTERN");
      if (tag.key().startsWith("aws:")) {
        throw OrganizationsErrors.invalidInput(
            "INVALID_SYSTEM_TAGS_PARAMETER",
            "Tags.Key: keys starting with aws: are reserved for AWS use.");
      }
      if (!keys.add(tag.key())) {
        throw OrganizationsErrors.invalidInput(
            "DUPLICATE_TAG_KEY", "Tags: the key " + tag.key() + " is given more than once.");
      }
    }
  }
}
