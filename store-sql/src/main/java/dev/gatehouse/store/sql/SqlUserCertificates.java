package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.SigningCertificate;
import dev.gatehouse.core.domain.SshPublicKey;
import dev.gatehouse.core.store.UserCertificateWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SSH public keys and signing certificates of users (tables of V13). */
final class SqlUserCertificates implements UserCertificateWrites {
  private static final String SSH =
      "SELECT account_id, user_id, id, fingerprint, body, status, uploaded_at"
          + " FROM iam_ssh_public_keys WHERE account_id = ?";
  private static final String SIGNING =
      "SELECT account_id, user_id, id, sha256, body, status, uploaded_at"
          + " FROM iam_signing_certificates WHERE account_id = ?";

  private final Jdbc jdbc;

  SqlUserCertificates(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static AccessKeyStatus status(String wire) {
    return AccessKeyStatus.fromWireName(wire).orElseThrow();
  }

  private static SshPublicKey sshKey(ResultSet rs) throws SQLException {
    return new SshPublicKey(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        status(rs.getString(6)),
        Instant.ofEpochMilli(rs.getLong(7)));
  }

  private static SigningCertificate signing(ResultSet rs) throws SQLException {
    String userId = rs.getString(2);
    AccessKeyOwner owner =
        userId == null ? new AccessKeyOwner.Root() : new AccessKeyOwner.IamUser(userId);
    return new SigningCertificate(
        rs.getString(1),
        owner,
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        status(rs.getString(6)),
        Instant.ofEpochMilli(rs.getLong(7)));
  }

  @Override
  public Optional<SshPublicKey> sshPublicKey(String accountId, String keyId) {
    return jdbc.one(SSH + " AND id = ?", SqlUserCertificates::sshKey, accountId, keyId);
  }

  @Override
  public List<SshPublicKey> sshPublicKeys(String accountId, String userId) {
    return jdbc.list(
        SSH + " AND user_id = ? ORDER BY id", SqlUserCertificates::sshKey, accountId, userId);
  }

  @Override
  public Optional<SigningCertificate> signingCertificate(String accountId, String certificateId) {
    return jdbc.one(
        SIGNING + " AND id = ?", SqlUserCertificates::signing, accountId, certificateId);
  }

  @Override
  public List<SigningCertificate> signingCertificates(String accountId, AccessKeyOwner owner) {
    if (owner instanceof AccessKeyOwner.IamUser u) {
      return jdbc.list(
          SIGNING + " AND user_id = ? ORDER BY id",
          SqlUserCertificates::signing,
          accountId,
          u.userId());
    }
    return jdbc.list(
        SIGNING + " AND user_id IS NULL ORDER BY id", SqlUserCertificates::signing, accountId);
  }

  @Override
  public Optional<SigningCertificate> signingCertificateBySha256(String accountId, String sha256) {
    return jdbc.one(
        SIGNING + " AND sha256 = ? ORDER BY id", SqlUserCertificates::signing, accountId, sha256);
  }

  @Override
  public void createSshPublicKey(SshPublicKey k) {
    jdbc.update(
        "INSERT INTO iam_ssh_public_keys"
            + " (id, account_id, user_id, fingerprint, body, status, uploaded_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        k.id(),
        k.accountId(),
        k.userId(),
        k.fingerprint(),
        k.body(),
        k.status().wireName(),
        k.uploadDate().toEpochMilli());
  }

  @Override
  public boolean updateSshPublicKeyStatus(String accountId, String keyId, AccessKeyStatus status) {
    return jdbc.update(
            "UPDATE iam_ssh_public_keys SET status = ? WHERE account_id = ? AND id = ?",
            status.wireName(),
            accountId,
            keyId)
        > 0;
  }

  @Override
  public boolean deleteSshPublicKey(String accountId, String keyId) {
    return jdbc.update(
            "DELETE FROM iam_ssh_public_keys WHERE account_id = ? AND id = ?", accountId, keyId)
        > 0;
  }

  @Override
  public void createSigningCertificate(SigningCertificate c) {
    Object userId =
        c.owner() instanceof AccessKeyOwner.IamUser u
            ? u.userId()
            : new Jdbc.Nullable(Types.VARCHAR);
    jdbc.update(
        "INSERT INTO iam_signing_certificates"
            + " (id, account_id, user_id, sha256, body, status, uploaded_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        c.id(),
        c.accountId(),
        userId,
        c.sha256(),
        c.body(),
        c.status().wireName(),
        c.uploadDate().toEpochMilli());
  }

  @Override
  public boolean updateSigningCertificateStatus(
      String accountId, String certificateId, AccessKeyStatus status) {
    return jdbc.update(
            "UPDATE iam_signing_certificates SET status = ? WHERE account_id = ? AND id = ?",
            status.wireName(),
            accountId,
            certificateId)
        > 0;
  }

  @Override
  public boolean deleteSigningCertificate(String accountId, String certificateId) {
    return jdbc.update(
            "DELETE FROM iam_signing_certificates WHERE account_id = ? AND id = ?",
            accountId,
            certificateId)
        > 0;
  }
}
