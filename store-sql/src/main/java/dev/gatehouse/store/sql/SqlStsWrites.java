package dev.gatehouse.store.sql;

import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.WriteTransaction;
import dev.gatehouse.core.sts.SessionRevocation;
import java.time.Instant;

/**
 * The STS part of a write transaction (virtual MFA devices, session revocations) and what every
 * write shares; {@link SqlWrites} adds IAM and Organizations.
 */
abstract class SqlStsWrites extends SqlReads implements WriteTransaction {

  SqlStsWrites(Jdbc jdbc) {
    super(jdbc);
  }

  @Override
  public void createMfaDevice(VirtualMfaDevice device) {
    sts.create(device);
  }

  @Override
  public void updateMfaDevice(VirtualMfaDevice device) {
    sts.update(device);
  }

  @Override
  public boolean replaceMfaDeviceState(String serialNumber, TotpState expected, TotpState next) {
    return sts.replaceState(serialNumber, expected, next);
  }

  @Override
  public boolean deleteMfaDevice(String serialNumber) {
    return sts.delete(serialNumber);
  }

  @Override
  public void putSessionRevocation(SessionRevocation revocation) {
    sts.putRevocation(revocation);
  }

  @Override
  public int pruneSessionRevocations(Instant oldest) {
    return sts.pruneRevocations(oldest);
  }
}
