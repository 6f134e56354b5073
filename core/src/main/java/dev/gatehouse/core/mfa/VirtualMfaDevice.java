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
 * @param assignment whom the device is enabled for and since when, empty when unassigned
 * @param state the anti-replay and drift state of the TOTP verifier
 */
public record VirtualMfaDevice(
    String accountId,
    String serialNumber,
    String sealedSeed,
    Instant createDate,
    Optional<Assignment> assignment,
    TotpState state) {

  /** Who a device can be enabled for. */
  public sealed interface Assignee {
    /** The root user of the device's account. */
    record Root() implements Assignee {}

    /** An IAM user, by unique id, so a rename keeps the device and a new namesake does not. */
    record IamUser(String userId) implements Assignee {
      public IamUser {
        Objects.requireNonNull(userId, "userId");
      }
    }
  }

  /** An enabled device's holder and when it was enabled. */
  public record Assignment(Assignee assignee, Instant enableDate) {
    public Assignment {
      Objects.requireNonNull(assignee, "assignee");
      Objects.requireNonNull(enableDate, "enableDate");
    }
  }

  public VirtualMfaDevice {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(sealedSeed, "sealedSeed");
    Objects.requireNonNull(createDate, "createDate");
    Objects.requireNonNull(assignment, "assignment");
    Objects.requireNonNull(state, "state");
  }

  /** A new, unassigned device. */
  public static VirtualMfaDevice unassigned(
      String accountId, String serialNumber, String sealedSeed, Instant createDate) {
    return new VirtualMfaDevice(
        accountId, serialNumber, sealedSeed, createDate, Optional.empty(), TotpState.initial());
  }

  /** The IAM user the device is enabled for; empty when unassigned or the root user's. */
  public Optional<String> userId() {
    return assignment
        .map(Assignment::assignee)
        .filter(Assignee.IamUser.class::isInstance)
        .map(a -> ((Assignee.IamUser) a).userId());
  }

  /** Whether the device is enabled for the root user of its account. */
  public boolean heldByRoot() {
    return assignment.map(a -> a.assignee() instanceof Assignee.Root).orElse(false);
  }

  /** When it was enabled, empty when unassigned. */
  public Optional<Instant> enableDate() {
    return assignment.map(Assignment::enableDate);
  }

  /** This device enabled for {@code assignee} at {@code at} with verifier state {@code next}. */
  public VirtualMfaDevice enabledFor(Assignee assignee, Instant at, TotpState next) {
    return new VirtualMfaDevice(
        accountId,
        serialNumber,
        sealedSeed,
        createDate,
        Optional.of(new Assignment(assignee, at)),
        next);
  }

  /** This device enabled for the IAM user {@code userId}. */
  public VirtualMfaDevice enabledFor(String userId, Instant at, TotpState next) {
    return enabledFor(new Assignee.IamUser(userId), at, next);
  }

  /** This device unassigned, its verifier state reset. */
  public VirtualMfaDevice deactivated() {
    return new VirtualMfaDevice(
        accountId, serialNumber, sealedSeed, createDate, Optional.empty(), TotpState.initial());
  }

  /** This device with verifier state {@code next}. */
  public VirtualMfaDevice withState(TotpState next) {
    return new VirtualMfaDevice(accountId, serialNumber, sealedSeed, createDate, assignment, next);
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
