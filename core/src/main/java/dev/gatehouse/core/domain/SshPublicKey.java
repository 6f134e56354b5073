package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An SSH public key of an IAM user (spec: IAM API Reference, UploadSSHPublicKey).
 *
 * @param userId the owning user's unique id (the key follows the user through a rename)
 * @param id the SSHPublicKeyId, {@code APKA...}
 * @param fingerprint the MD5 of the key blob in colon-separated hex, as AWS shows it
 * @param body the key as uploaded (OpenSSH or PEM), already checked
 */
public record SshPublicKey(
    String accountId,
    String userId,
    String id,
    String fingerprint,
    String body,
    AccessKeyStatus status,
    Instant uploadDate) {
  public SshPublicKey {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(uploadDate, "uploadDate");
  }
}
