package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.SigningCertificate;
import dev.gatehouse.core.domain.SshPublicKey;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: users' SSH public keys and signing certificates. */
public interface UserCertificateReads {
  /** An SSH public key by id, in any user of the account. */
  Optional<SshPublicKey> sshPublicKey(String accountId, String keyId);

  /** A user's SSH public keys, ordered by id. */
  List<SshPublicKey> sshPublicKeys(String accountId, String userId);

  /** A signing certificate by id, of any owner in the account. */
  Optional<SigningCertificate> signingCertificate(String accountId, String certificateId);

  /** An owner's signing certificates, ordered by id. */
  List<SigningCertificate> signingCertificates(String accountId, AccessKeyOwner owner);

  /** The signing certificate of the account with this DER SHA-256, if one was uploaded. */
  Optional<SigningCertificate> signingCertificateBySha256(String accountId, String sha256);
}
