package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.SigningCertificate;
import dev.gatehouse.core.domain.SshPublicKey;

/**
 * Writes of the store port: users' SSH public keys and signing certificates. Persistence only (see
 * {@link WriteTransaction}).
 */
public interface UserCertificateWrites extends UserCertificateReads {
  void createSshPublicKey(SshPublicKey key);

  /** False when the account has no key with this id. */
  boolean updateSshPublicKeyStatus(String accountId, String keyId, AccessKeyStatus status);

  /** False when the account has no key with this id. */
  boolean deleteSshPublicKey(String accountId, String keyId);

  void createSigningCertificate(SigningCertificate certificate);

  /** False when the account has no certificate with this id. */
  boolean updateSigningCertificateStatus(
      String accountId, String certificateId, AccessKeyStatus status);

  /** False when the account has no certificate with this id. */
  boolean deleteSigningCertificate(String accountId, String certificateId);
}
