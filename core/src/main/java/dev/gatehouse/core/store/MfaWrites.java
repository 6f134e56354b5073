package dev.gatehouse.core.store;

import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;

/**
 * Writes of the store port: Virtual MFA devices. Persistence only (see {@link WriteTransaction}).
 */
public interface MfaWrites extends MfaReads {
  /** Stores a new virtual MFA device. */
  void createMfaDevice(VirtualMfaDevice device);

  /**
   * Replaces the assignment, enable date and verifier state of the device with the same serial
   * number.
   */
  void updateMfaDevice(VirtualMfaDevice device);

  /**
   * Compare-and-set of a device's verifier state: stores {@code next} only when the stored state is
   * still {@code expected}. Returns false (and changes nothing) otherwise, or when the device is
   * gone. Accepting an MFA code goes through here, so a code is accepted once across all nodes.
   */
  boolean replaceMfaDeviceState(String serialNumber, TotpState expected, TotpState next);

  /** Returns false when there was no such device. */
  boolean deleteMfaDevice(String serialNumber);
}
