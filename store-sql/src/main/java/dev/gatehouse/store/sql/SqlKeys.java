package dev.gatehouse.store.sql;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyLastUsed;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.store.KeyWrites;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL keys of a transaction: Access keys, their sealed secrets and last use. */
final class SqlKeys implements KeyWrites {
  private final Jdbc jdbc;

  SqlKeys(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Optional<AccessKey> accessKey(String accessKeyId) {
    return jdbc.one(
        "SELECT " + SqlRows.KEY_COLUMNS + " FROM iam_access_keys WHERE access_key_id = ?",
        SqlRows::accessKey,
        accessKeyId);
  }

  @Override
  public Optional<String> sealedSecret(String accessKeyId) {
    return jdbc.one(
        "SELECT sealed_secret FROM iam_access_keys WHERE access_key_id = ?",
        rs -> rs.getString(1),
        accessKeyId);
  }

  @Override
  public List<AccessKey> accessKeys(String accountId, AccessKeyOwner owner) {
    if (owner instanceof AccessKeyOwner.IamUser u) {
      return jdbc.list(
          "SELECT "
              + SqlRows.KEY_COLUMNS
              + " FROM iam_access_keys"
              + " WHERE account_id = ? AND user_id = ? ORDER BY access_key_id",
          SqlRows::accessKey,
          accountId,
          u.userId());
    }
    return jdbc.list(
        "SELECT "
            + SqlRows.KEY_COLUMNS
            + " FROM iam_access_keys"
            + " WHERE account_id = ? AND user_id IS NULL ORDER BY access_key_id",
        SqlRows::accessKey,
        accountId);
  }

  @Override
  public Optional<AccessKeyLastUsed> accessKeyLastUsed(String accessKeyId) {
    return jdbc.one(
            "SELECT last_used_at, last_used_service, last_used_region FROM iam_access_keys"
                + " WHERE access_key_id = ?",
            rs -> {
              long at = rs.getLong(1);
              if (rs.wasNull()) {
                return Optional.<AccessKeyLastUsed>empty();
              }
              return Optional.of(
                  new AccessKeyLastUsed(
                      Instant.ofEpochMilli(at), rs.getString(2), rs.getString(3)));
            },
            accessKeyId)
        .flatMap(o -> o);
  }

  @Override
  public void createAccessKey(AccessKey key, String sealedSecret) {
    Object userId =
        key.owner() instanceof AccessKeyOwner.IamUser u
            ? u.userId()
            : new Jdbc.Nullable(Types.VARCHAR);
    jdbc.update(
        "INSERT INTO iam_access_keys (access_key_id, account_id, user_id, status, created_at,"
            + " sealed_secret) VALUES (?, ?, ?, ?, ?, ?)",
        key.accessKeyId(),
        key.accountId(),
        userId,
        key.status().wireName(),
        key.createDate().toEpochMilli(),
        sealedSecret);
  }

  @Override
  public boolean updateAccessKeyStatus(String accessKeyId, AccessKeyStatus status) {
    return jdbc.update(
            "UPDATE iam_access_keys SET status = ? WHERE access_key_id = ?",
            status.wireName(),
            accessKeyId)
        > 0;
  }

  @Override
  public boolean deleteAccessKey(String accessKeyId) {
    return jdbc.update("DELETE FROM iam_access_keys WHERE access_key_id = ?", accessKeyId) > 0;
  }

  @Override
  public boolean recordAccessKeyUse(String accessKeyId, AccessKeyLastUsed lastUsed) {
    return jdbc.update(
            "UPDATE iam_access_keys SET last_used_at = ?, last_used_service = ?,"
                + " last_used_region = ? WHERE access_key_id = ?",
            lastUsed.date().toEpochMilli(),
            lastUsed.serviceName(),
            lastUsed.region(),
            accessKeyId)
        > 0;
  }
}
