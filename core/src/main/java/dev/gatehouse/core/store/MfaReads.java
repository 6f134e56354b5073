package dev.gatehouse.core.store;

import dev.gatehouse.core.mfa.VirtualMfaDevice;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: Virtual MFA devices. */
public interface MfaReads {
  /** A virtual MFA device by its exact serial number. */
  Optional<VirtualMfaDevice> mfaDevice(String serialNumber);

  /** The virtual MFA devices of an account, ordered by serial number. */
  List<VirtualMfaDevice> mfaDevices(String accountId);

  /** Whether a device has this serial number, compared case-insensitively. */
  boolean mfaSerialTaken(String serialNumber);

  /** Whether the user has a virtual MFA device assigned. */
  boolean userHasMfaDevice(String userId);
}
