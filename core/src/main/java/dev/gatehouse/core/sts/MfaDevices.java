package dev.gatehouse.core.sts;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.error.IamErrors;
import dev.gatehouse.core.iam.IamRules;
import dev.gatehouse.core.iam.MfaDeviceTags;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import dev.gatehouse.core.mfa.TotpResult;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.TotpVerifier;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.core.store.WriteTransaction;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Virtual MFA devices, kept in the store so every node sharing it sees the same devices: seeds
 * sealed with the master key ring (the envelope that protects secret access keys), the TOTP state
 * that makes every code usable once, the IAM user or root user a device is enabled for.
 *
 * <p>INVARIANT (single use across nodes): a code is checked and the device's last-used step
 * advanced in one write transaction, by compare-and-set of the state it was checked against; write
 * transactions are serialized across nodes, so one code is accepted once, whichever nodes see it.
 */
public final class MfaDevices {
  /** AWS's text for a wrong, missing or reused MFA code. */
  public static final String MFA_FAILED =
      "MultiFactorAuthentication failed with invalid MFA one time pass code.";

  /**
   * One device.
   *
   * @param serialNumber {@code arn:aws:iam::ACCOUNT:mfa/PATH/NAME}
   * @param sealedSeed the seed sealed with the key ring, bound to the serial number
   * @param holder whom it is enabled for, empty when unassigned
   */
  public record Device(
      String accountId,
      String serialNumber,
      String sealedSeed,
      Instant createDate,
      Optional<MfaHolder> holder,
      Optional<Instant> enableDate,
      TotpState state) {

    /** The IAM user it is enabled for; empty when unassigned or the root user's. */
    public String userName() {
      return holder
          .filter(MfaHolder.User.class::isInstance)
          .map(h -> ((MfaHolder.User) h).name())
          .orElse("");
    }

    /** Whether it is enabled for {@code who} (user names are case-insensitive). */
    public boolean heldBy(MfaHolder who) {
      if (who instanceof MfaHolder.User u) {
        return !userName().isEmpty() && userName().equalsIgnoreCase(u.name());
      }
      return holder.filter(MfaHolder.Root.class::isInstance).isPresent();
    }
  }

  /** A created device with its seed (Base32, unpadded), shown once. */
  public record Created(Device device, String seedBase32) {}

  private final Store store;
  private final KeyRing keys;
  private final SecureRandom random;
  private final Clock clock;
  private final TotpVerifier verifier = TotpVerifier.standard();

  /**
   * @param dataDir where an earlier version kept devices in a file; imported once into the store
   */
  public MfaDevices(Store store, Path dataDir, KeyRing keys, SecureRandom random, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.random = random;
    this.clock = clock;
    LegacyStsFiles.importMfaDevices(dataDir, store);
  }

  public Created create(String accountId, String path, String name) {
    return create(accountId, path, name, List.of());
  }

  /** CreateVirtualMFADevice with tags, stored in the same transaction as the device. */
  public Created create(String accountId, String path, String name, List<Tag> tags) {
    MfaDeviceTags.validate(tags);
    String serial = "arn:aws:iam::" + accountId + ":mfa" + path + name;
    byte[] seed = Totp.newSeed(random);
    VirtualMfaDevice device =
        VirtualMfaDevice.unassigned(accountId, serial, keys.seal(seed, serial), now());
    write(
        tx -> {
          IamRules.createMfaDevice(tx, device);
          MfaDeviceTags.putOnCreate(tx, serial, tags);
        });
    return new Created(device(device, Optional.empty()), Base32.encodeUnpadded(seed));
  }

  public Device get(String serialNumber) {
    return store
        .read(tx -> tx.mfa().mfaDevice(serialNumber).map(d -> device(tx, d)))
        .orElseThrow(() -> VirtualMfaDevice.noSuchDevice(serialNumber));
  }

  /** When the account was created (the root user's CreateDate in listings). */
  public Instant accountCreated(String accountId) {
    return store
        .read(tx -> tx.accounts().account(accountId))
        .map(dev.gatehouse.core.domain.Account::createDate)
        .orElse(Instant.EPOCH);
  }

  public List<Device> list(String accountId) {
    return store.read(
        tx -> tx.mfa().mfaDevices(accountId).stream().map(d -> device(tx, d)).toList());
  }

  /** EnableMFADevice: two consecutive codes (InvalidAuthenticationCode otherwise). */
  public void enable(String accountId, MfaHolder holder, String serial, String c1, String c2) {
    write(
        tx -> {
          VirtualMfaDevice.Assignee assignee = new VirtualMfaDevice.Assignee.Root();
          if (holder instanceof MfaHolder.User u) {
            User user =
                tx.users()
                    .user(accountId, u.name())
                    .orElseThrow(() -> IamErrors.noSuchUser(u.name()));
            assignee = new VirtualMfaDevice.Assignee.IamUser(user.id());
          }
          VirtualMfaDevice d = owned(tx, accountId, serial);
          if (d.assignment().isPresent()) {
            throw new GatehouseException(
                ErrorCode.ENTITY_ALREADY_EXISTS, "MFA Device is already in use.");
          }
          Instant now = now();
          TotpResult r = verifier.enable(seed(d), c1, c2, now);
          if (r instanceof TotpResult.Rejected rejected) {
            throw rejected.failure().toIamException();
          }
          IamRules.updateMfaDevice(
              tx, d.enabledFor(assignee, now, ((TotpResult.Accepted) r).state()));
        });
  }

  public void resync(String accountId, MfaHolder holder, String serial, String c1, String c2) {
    write(
        tx -> {
          VirtualMfaDevice d = assigned(tx, accountId, holder, serial);
          TotpResult r = verifier.resync(seed(d), c1, c2, now(), d.state());
          if (r instanceof TotpResult.Rejected rejected) {
            throw rejected.failure().toIamException();
          }
          replaceState(tx, d, ((TotpResult.Accepted) r).state());
        });
  }

  public void deactivate(String accountId, MfaHolder holder, String serial) {
    write(
        tx -> IamRules.updateMfaDevice(tx, assigned(tx, accountId, holder, serial).deactivated()));
  }

  public void delete(String accountId, String serial) {
    write(
        tx -> {
          VirtualMfaDevice d = owned(tx, accountId, serial);
          if (d.assignment().isPresent()) {
            throw new GatehouseException(
                ErrorCode.DELETE_CONFLICT, "MFA VirtualDevice in use. Must deactivate first.");
          }
          tx.mfa().deleteMfaDevice(serial);
          MfaDeviceTags.removeAll(tx, d.serialNumber());
        });
  }

  /**
   * Verifies a code for AssumeRole, GetSessionToken or a console sign-in: the device must be
   * enabled for {@code holder} in the account; the code is then used up. Every failure is AWS's one
   * AccessDenied.
   *
   * @return when the code was verified
   */
  public Instant verify(String accountId, MfaHolder holder, String serial, String code) {
    return store.write(
        tx -> {
          Optional<VirtualMfaDevice> found =
              tx.mfa()
                  .mfaDevice(serial)
                  .filter(d -> d.accountId().equals(accountId))
                  .filter(d -> holds(tx, accountId, holder, d));
          if (found.isEmpty()) {
            throw new GatehouseException(ErrorCode.ACCESS_DENIED, MFA_FAILED);
          }
          VirtualMfaDevice d = found.get();
          Instant now = clock.instant();
          TotpResult r = verifier.verify(seed(d), code, now, d.state());
          if (r instanceof TotpResult.Rejected rejected) {
            throw rejected.failure().toStsException();
          }
          replaceState(tx, d, ((TotpResult.Accepted) r).state());
          return now;
        });
  }

  /** Compare-and-set: a state that moved since it was read means the code raced another use. */
  private static void replaceState(WriteTransaction tx, VirtualMfaDevice d, TotpState next) {
    if (!tx.mfa().replaceMfaDeviceState(d.serialNumber(), d.state(), next)) {
      throw new GatehouseException(ErrorCode.ACCESS_DENIED, MFA_FAILED);
    }
  }

  private static VirtualMfaDevice owned(ReadTransaction tx, String accountId, String serial) {
    return tx.mfa()
        .mfaDevice(serial)
        .filter(d -> d.accountId().equals(accountId))
        .orElseThrow(() -> VirtualMfaDevice.noSuchDevice(serial));
  }

  private static VirtualMfaDevice assigned(
      ReadTransaction tx, String accountId, MfaHolder holder, String serial) {
    VirtualMfaDevice d = owned(tx, accountId, serial);
    if (!holds(tx, accountId, holder, d)) {
      String whom = holder instanceof MfaHolder.User u ? "user " + u.name() : "the root user";
      throw new GatehouseException(
          ErrorCode.NO_SUCH_ENTITY,
          "MFA Device with serial number " + serial + " is not assigned to " + whom + ".");
    }
    return d;
  }

  /** Whether {@code d} is enabled for {@code holder} (an IAM user by its current id). */
  private static boolean holds(
      ReadTransaction tx, String accountId, MfaHolder holder, VirtualMfaDevice d) {
    if (holder instanceof MfaHolder.User u) {
      Optional<String> userId = tx.users().user(accountId, u.name()).map(User::id);
      return userId.isPresent() && d.userId().equals(userId);
    }
    return d.heldByRoot();
  }

  private static Device device(ReadTransaction tx, VirtualMfaDevice d) {
    Optional<MfaHolder> holder =
        d.heldByRoot()
            ? Optional.of(new MfaHolder.Root())
            : d.userId().flatMap(tx.users()::userById).map(user -> new MfaHolder.User(user.name()));
    return device(d, holder);
  }

  private static Device device(VirtualMfaDevice d, Optional<MfaHolder> holder) {
    return new Device(
        d.accountId(),
        d.serialNumber(),
        d.sealedSeed(),
        d.createDate(),
        holder,
        d.enableDate(),
        d.state());
  }

  private byte[] seed(VirtualMfaDevice d) {
    return keys.open(d.sealedSeed(), d.serialNumber());
  }

  /** Now, to the millisecond the store keeps. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private void write(java.util.function.Consumer<WriteTransaction> work) {
    store.write(
        tx -> {
          work.accept(tx);
          return null;
        });
  }
}
