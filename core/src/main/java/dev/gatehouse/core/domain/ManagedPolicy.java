package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * A managed policy: customer managed (in an account) or AWS managed (account {@code aws}). {@code
 * attachmentCount} is computed by the store when read.
 */
public record ManagedPolicy(
    String accountId,
    String name,
    String id,
    String path,
    String defaultVersionId,
    String description,
    Instant createDate,
    Instant updateDate,
    boolean attachable,
    int attachmentCount) {
  /**
   * The order ListPolicies answers in: by name without regard to case, then by ARN. The same order
   * as {@link #listingKey()} compared as strings, without building the keys (names are ASCII).
   */
  public static final Comparator<ManagedPolicy> LISTING_ORDER =
      (a, b) -> {
        int c = String.CASE_INSENSITIVE_ORDER.compare(a.name(), b.name());
        return c != 0 ? c : a.arn().compareTo(b.arn());
      };

  /** The key a ListPolicies marker names: the lower-case name, a NUL, the ARN. */
  public String listingKey() {
    return name.toLowerCase(Locale.ROOT) + '\u0000' + arn();
  }

  public ManagedPolicy {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(defaultVersionId, "defaultVersionId");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(createDate, "createDate");
    Objects.requireNonNull(updateDate, "updateDate");
  }

  public String arn() {
    return Arns.policy(accountId, path, name);
  }

  public boolean isAwsManaged() {
    return Arns.AWS_ACCOUNT.equals(accountId);
  }

  public ManagedPolicy withAttachmentCount(int count) {
    return new ManagedPolicy(
        accountId,
        name,
        id,
        path,
        defaultVersionId,
        description,
        createDate,
        updateDate,
        attachable,
        count);
  }
}
