package dev.gatehouse.core.org;

import dev.gatehouse.core.domain.Arns;
import java.time.Instant;
import java.util.Objects;

/**
 * An organization: its id ({@code o-} and 10 to 32 lower-case letters or digits), the management
 * account and the feature set.
 *
 * <p>spec: Organizations API Reference, "Organization" data type; ARN formats from the Service
 * Authorization Reference ({@code arn:aws:organizations::ACCOUNT:organization/o-ID}).
 */
public record Organization(
    String id, String managementAccountId, FeatureSet featureSet, Instant createDate) {
  public static final String ID_PATTERN = "o-[a-z0-9]{10,32}";

  public Organization {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(managementAccountId, "managementAccountId");
    Objects.requireNonNull(featureSet, "featureSet");
    Objects.requireNonNull(createDate, "createDate");
    if (!id.matches(ID_PATTERN)) {
      throw new IllegalArgumentException("organization id must match " + ID_PATTERN);
    }
  }

  /** {@code ALL} (the default) or {@code CONSOLIDATED_BILLING}. */
  public enum FeatureSet {
    ALL,
    CONSOLIDATED_BILLING
  }

  public String arn() {
    return "arn:aws:organizations::" + managementAccountId + ":organization/" + id;
  }

  /** The ARN of one of the organization's accounts. */
  public String accountArn(String accountId) {
    return "arn:aws:organizations::" + managementAccountId + ":account/" + id + "/" + accountId;
  }

  public String managementAccountArn() {
    return accountArn(managementAccountId);
  }

  /** The IAM ARN of the management account's root user, which member-account roles trust. */
  public String managementRootArn() {
    return Arns.root(managementAccountId);
  }

  public boolean isManagement(String accountId) {
    return managementAccountId.equals(accountId);
  }
}
