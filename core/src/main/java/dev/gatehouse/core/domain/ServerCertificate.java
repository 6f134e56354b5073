package dev.gatehouse.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * An IAM server certificate (spec: IAM API Reference, UploadServerCertificate): the certificate,
 * its chain and its private key, which is kept sealed with the master key and never shown.
 *
 * @param id the ServerCertificateId, {@code ASCA...}; also the key its tags live under and the
 *     associated data its sealed private key is bound to
 * @param chain the chain as uploaded, empty when none was given
 * @param sealedPrivateKey the private key sealed with the key ring, bound to {@code id}
 * @param expiration the certificate's notAfter
 */
public record ServerCertificate(
    String accountId,
    String id,
    String path,
    String name,
    String body,
    String chain,
    String sealedPrivateKey,
    Instant uploadDate,
    Instant expiration) {
  public ServerCertificate {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(sealedPrivateKey, "sealedPrivateKey");
    Objects.requireNonNull(uploadDate, "uploadDate");
    Objects.requireNonNull(expiration, "expiration");
  }

  /** {@code arn:aws:iam::ACCOUNT:server-certificate/PATH/NAME}. */
  public String arn() {
    return Arns.serverCertificate(accountId, path, name);
  }

  /** The same certificate under another path and name (UpdateServerCertificate). */
  public ServerCertificate renamed(String newPath, String newName) {
    return new ServerCertificate(
        accountId, id, newPath, newName, body, chain, sealedPrivateKey, uploadDate, expiration);
  }

  @Override
  public String toString() {
    return "ServerCertificate[" + arn() + ", id=" + id + "]";
  }
}
