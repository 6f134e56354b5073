package dev.gatehouse.core.mfa;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A virtual MFA device as the store keeps it.
 *
 * @param serialNumber {@code arn:aws:iam::ACCOUNT:mfa/PATH/NAME}; unique case-insensitively
 * @param sealedSeed the TOTP seed sealed with the master key ring, bound to the serial number;
 *     never the seed itself
 * @param userId the IAM user the device is enabled for (by unique id, so a rename keeps it), empty
 *     when unassigned
 * @param enableDate when it was enabled, empty when unassigned
 * @param state the anti-replay and drift state of the TOTP verifier
 */
public record VirtualMfaDevice(
    String accountId,
    String serialNumber,
    String sealedSeed,
    Instant createDate,
    Optional<String> userId,
    Optional<Instant> enableDate,
    TotpState state) {

  public VirtualMfaDevice {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(sealedSeed, "sealedSeed");
    Objects.requireNonNull(createDate, "createDate");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(enableDate, "enableDate");
    Objects.requireNonNull(state, "state");
  }

  /** This device enabled for {@code userId} at {@code at} with verifier state {@code next}. */
  public VirtualMfaDevice enabledFor(String userId, Instant at, TotpState next) {
    return new VirtualMfaDevice(
        accountId,
        serialNumber,
        sealedSeed,
        createDate,
        Optional.of(userId),
        Optional.of(at),
        next);
  }

  /** This device unassigned, its verifier state reset. */
  public VirtualMfaDevice deactivated() {
    return new VirtualMfaDevice(
        accountId,
        serialNumber,
        sealedSeed,
        createDate,
        Optional.empty(),
        Optional.empty(),
        TotpState.initial());
  }

  /** This device with verifier state {@code next}. */
  public VirtualMfaDevice withState(TotpState next) {
    return new VirtualMfaDevice(
        accountId, serialNumber, sealedSeed, createDate, userId, enableDate, next);
  }

  /** AWS's answer to a second device at the same path and name. */
  public static GatehouseException alreadyExists() {
    return new GatehouseException(
        ErrorCode.ENTITY_ALREADY_EXISTS,
        "MFADevice entity at the same path and name already exists.");
  }

  /** AWS's answer to an unknown serial number. */
  public static GatehouseException noSuchDevice(String serialNumber) {
    return new GatehouseException(
        ErrorCode.NO_SUCH_ENTITY,
        "MFA Device with serial number " + serialNumber + " does not exist.");
  }
}
