package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.SigningCertificate;
import dev.gatehouse.core.domain.SshPublicKey;
import dev.gatehouse.core.store.MemoryStore.State;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** SSH keys and signing certificates of a {@link MemoryStore} state. */
final class MemoryUserCertificates implements UserCertificateWrites {
  private final State s;

  MemoryUserCertificates(State s) {
    this.s = s;
  }

  @Override
  public Optional<SshPublicKey> sshPublicKey(String accountId, String keyId) {
    return Optional.ofNullable(s.sshKeys.get(keyId)).filter(k -> k.accountId().equals(accountId));
  }

  @Override
  public List<SshPublicKey> sshPublicKeys(String accountId, String userId) {
    return s.sshKeys.values().stream()
        .filter(k -> k.accountId().equals(accountId) && k.userId().equals(userId))
        .sorted(Comparator.comparing(SshPublicKey::id))
        .toList();
  }

  @Override
  public Optional<SigningCertificate> signingCertificate(String accountId, String certificateId) {
    return Optional.ofNullable(s.signingCertificates.get(certificateId))
        .filter(c -> c.accountId().equals(accountId));
  }

  @Override
  public List<SigningCertificate> signingCertificates(String accountId, AccessKeyOwner owner) {
    return s.signingCertificates.values().stream()
        .filter(c -> c.accountId().equals(accountId) && c.owner().equals(owner))
        .sorted(Comparator.comparing(SigningCertificate::id))
        .toList();
  }

  @Override
  public Optional<SigningCertificate> signingCertificateBySha256(String accountId, String sha256) {
    return s.signingCertificates.values().stream()
        .filter(c -> c.accountId().equals(accountId) && c.sha256().equals(sha256))
        .findFirst();
  }

  @Override
  public void createSshPublicKey(SshPublicKey key) {
    s.sshKeys.put(key.id(), key);
  }

  @Override
  public boolean updateSshPublicKeyStatus(String accountId, String keyId, AccessKeyStatus status) {
    Optional<SshPublicKey> k = sshPublicKey(accountId, keyId);
    k.ifPresent(
        old ->
            s.sshKeys.put(
                keyId,
                new SshPublicKey(
                    old.accountId(),
                    old.userId(),
                    old.id(),
                    old.fingerprint(),
                    old.body(),
                    status,
                    old.uploadDate())));
    return k.isPresent();
  }

  @Override
  public boolean deleteSshPublicKey(String accountId, String keyId) {
    return sshPublicKey(accountId, keyId).map(k -> s.sshKeys.remove(keyId)).isPresent();
  }

  @Override
  public void createSigningCertificate(SigningCertificate certificate) {
    s.signingCertificates.put(certificate.id(), certificate);
  }

  @Override
  public boolean updateSigningCertificateStatus(
      String accountId, String certificateId, AccessKeyStatus status) {
    Optional<SigningCertificate> c = signingCertificate(accountId, certificateId);
    c.ifPresent(
        old ->
            s.signingCertificates.put(
                certificateId,
                new SigningCertificate(
                    old.accountId(),
                    old.owner(),
                    old.id(),
                    old.sha256(),
                    old.body(),
                    status,
                    old.uploadDate())));
    return c.isPresent();
  }

  @Override
  public boolean deleteSigningCertificate(String accountId, String certificateId) {
    return signingCertificate(accountId, certificateId)
        .map(c -> s.signingCertificates.remove(certificateId))
        .isPresent();
  }
}
