package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An X.509 signing certificate of an IAM user or of the root user (spec: IAM API Reference,
 * UploadSigningCertificate).
 *
 * @param owner the root user or an IAM user by unique id
 * @param id the CertificateId
 * @param sha256 the SHA-256 of the certificate's DER encoding, hex: the same certificate twice in
 *     an account is refused
 * @param body the certificate as uploaded (PEM), already checked
 */
public record SigningCertificate(
    String accountId,
    AccessKeyOwner owner,
    String id,
    String sha256,
    String body,
    AccessKeyStatus status,
    Instant uploadDate) {
  public SigningCertificate {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(uploadDate, "uploadDate");
  }
}
