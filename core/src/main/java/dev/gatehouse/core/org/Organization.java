package dev.gatehouse.core.org;

import dev.gatehouse.core.domain.Arns;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Objects;

/**
 * An organization: its id ({@code o-} and 10 to 32 lower-case letters or digits), the management
 * account and the feature set. Its accounts all sit in its one root ({@link #rootId()}): Gatehouse
 * has no organizational units.
 *
 * <p>spec: Organizations API Reference, "Organization" data type; ARN formats from the Service
 * Authorization Reference ({@code arn:aws:organizations::ACCOUNT:organization/o-ID}).
 */
public record Organization(
    String id, String managementAccountId, FeatureSet featureSet, Instant createDate) {
  public static final String ID_PATTERN = "o-[a-z0-9]{10,32}";

  /** spec: RootId. */
  public static final String ROOT_ID_PATTERN = "r-[0-9a-z]{4,32}";

  private static final String ROOT_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final int ROOT_ID_LENGTH = 4;

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

  /**
   * The organization's one root, parent of every account: {@code r-} and four lower-case letters or
   * digits, derived from the organization id so that it never changes and needs no storage.
   *
   * <p>spec: Root data type, "r-" followed by 4 to 32 lowercase letters or digits; "The ID is
   * unique to the organization only".
   */
  public String rootId() {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    StringBuilder root = new StringBuilder("r-");
    for (int i = 0; i < ROOT_ID_LENGTH; i++) {
      root.append(ROOT_ALPHABET.charAt(Byte.toUnsignedInt(digest[i]) % ROOT_ALPHABET.length()));
    }
    return root.toString();
  }

  /** {@code arn:aws:organizations::MANAGEMENT:root/o-ID/r-ID}. */
  public String rootArn() {
    return "arn:aws:organizations::" + managementAccountId + ":root/" + id + "/" + rootId();
  }

  public boolean isManagement(String accountId) {
    return managementAccountId.equals(accountId);
  }
}
