package dev.gatehouse.store.sql;

import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.MfaWrites;
import dev.gatehouse.core.store.SessionWrites;
import dev.gatehouse.core.sts.SessionRevocation;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The STS tables (V5): virtual MFA devices and session revocations.
 *
 * <p>A device's holder is kept in {@code user_id} and {@code enabled_at}: both NULL while
 * unassigned; an IAM user's id and the date when enabled for that user; NULL and the date when
 * enabled for the account's root user. user_id references {@code iam_users}, so the root user can
 * have no id there, and an IAM user's device always has one: the two cannot be confused, and no
 * migration was needed for root devices.
 */
final class SqlSts implements MfaWrites, SessionWrites {
  private static final String DEVICE_COLUMNS =
      "account_id, serial_number, sealed_seed, created_at, user_id, enabled_at, last_used_step,"
          + " drift_steps";

  private final Jdbc jdbc;

  SqlSts(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  private static VirtualMfaDevice device(ResultSet rs) throws SQLException {
    String userId = rs.getString(5);
    long enabled = rs.getLong(6);
    Optional<VirtualMfaDevice.Assignment> assignment =
        rs.wasNull()
            ? Optional.empty()
            : Optional.of(
                new VirtualMfaDevice.Assignment(
                    userId == null
                        ? new VirtualMfaDevice.Assignee.Root()
                        : new VirtualMfaDevice.Assignee.IamUser(userId),
                    Instant.ofEpochMilli(enabled)));
    return new VirtualMfaDevice(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        SqlRows.instant(rs, 4),
        assignment,
        new TotpState(rs.getLong(7), rs.getInt(8)));
  }

  @Override
  public Optional<VirtualMfaDevice> mfaDevice(String serialNumber) {
    return jdbc.one(
        "SELECT " + DEVICE_COLUMNS + " FROM iam_mfa_devices WHERE serial_number = ?",
        SqlSts::device,
        serialNumber);
  }

  @Override
  public List<VirtualMfaDevice> mfaDevices(String accountId) {
    return jdbc.list(
        "SELECT "
            + DEVICE_COLUMNS
            + " FROM iam_mfa_devices WHERE account_id = ? ORDER BY serial_lc",
        SqlSts::device,
        accountId);
  }

  @Override
  public boolean mfaSerialTaken(String serialNumber) {
    return jdbc.count(
            "SELECT COUNT(*) FROM iam_mfa_devices WHERE serial_lc = ?", lower(serialNumber))
        > 0;
  }

  @Override
  public boolean userHasMfaDevice(String userId) {
    return jdbc.count("SELECT COUNT(*) FROM iam_mfa_devices WHERE user_id = ?", userId) > 0;
  }

  @Override
  public void createMfaDevice(VirtualMfaDevice d) {
    jdbc.update(
        "INSERT INTO iam_mfa_devices (serial_number, serial_lc, account_id, sealed_seed,"
            + " created_at, user_id, enabled_at, last_used_step, drift_steps)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        d.serialNumber(),
        lower(d.serialNumber()),
        d.accountId(),
        d.sealedSeed(),
        d.createDate().toEpochMilli(),
        userId(d),
        enabledAt(d),
        d.state().lastUsedStep(),
        d.state().driftSteps());
  }

  @Override
  public void updateMfaDevice(VirtualMfaDevice d) {
    jdbc.update(
        "UPDATE iam_mfa_devices SET user_id = ?, enabled_at = ?, last_used_step = ?,"
            + " drift_steps = ? WHERE serial_number = ?",
        userId(d),
        enabledAt(d),
        d.state().lastUsedStep(),
        d.state().driftSteps(),
        d.serialNumber());
  }

  @Override
  public boolean replaceMfaDeviceState(String serialNumber, TotpState expected, TotpState next) {
    return jdbc.update(
            "UPDATE iam_mfa_devices SET last_used_step = ?, drift_steps = ?"
                + " WHERE serial_number = ? AND last_used_step = ? AND drift_steps = ?",
            next.lastUsedStep(),
            next.driftSteps(),
            serialNumber,
            expected.lastUsedStep(),
            expected.driftSteps())
        == 1;
  }

  @Override
  public boolean deleteMfaDevice(String serialNumber) {
    return jdbc.update("DELETE FROM iam_mfa_devices WHERE serial_number = ?", serialNumber) == 1;
  }

  private static Object userId(VirtualMfaDevice d) {
    return d.userId().isPresent() ? d.userId().get() : new Jdbc.Nullable(Types.VARCHAR);
  }

  private static Object enabledAt(VirtualMfaDevice d) {
    return d.enableDate().isPresent()
        ? (Object) d.enableDate().get().toEpochMilli()
        : new Jdbc.Nullable(Types.BIGINT);
  }

  @Override
  public List<SessionRevocation> sessionRevocations() {
    return jdbc.list(
        "SELECT kind, id, revoked_at FROM sts_session_revocations ORDER BY kind, id",
        rs ->
            new SessionRevocation(
                SessionRevocation.Kind.valueOf(rs.getString(1)),
                rs.getString(2),
                SqlRows.instant(rs, 3)));
  }

  @Override
  public void putSessionRevocation(SessionRevocation r) {
    long at = r.at().toEpochMilli();
    int n =
        jdbc.update(
            "UPDATE sts_session_revocations SET revoked_at = ?"
                + " WHERE kind = ? AND id = ? AND revoked_at < ?",
            at,
            r.kind().name(),
            r.id(),
            at);
    if (n == 0
        && jdbc.count(
                "SELECT COUNT(*) FROM sts_session_revocations WHERE kind = ? AND id = ?",
                r.kind().name(),
                r.id())
            == 0) {
      jdbc.update(
          "INSERT INTO sts_session_revocations (kind, id, revoked_at) VALUES (?, ?, ?)",
          r.kind().name(),
          r.id(),
          at);
    }
  }

  @Override
  public int pruneSessionRevocations(Instant oldest) {
    return jdbc.update(
        "DELETE FROM sts_session_revocations WHERE revoked_at <= ?", oldest.toEpochMilli());
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
