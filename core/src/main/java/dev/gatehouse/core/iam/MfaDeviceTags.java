package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.ReadTransaction;
import dev.gatehouse.core.store.WriteTransaction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Tags of virtual MFA devices: TagMFADevice, UntagMFADevice, ListMFADeviceTags and the Tags of
 * CreateVirtualMFADevice. spec: IAM API Reference, TagMFADevice ("A tag key must be unique per
 * resource; 50 tags at most").
 *
 * <p>A device has no unique id of its own; the store keys its tags by {@link #entityId}, derived
 * from the serial number compared case-insensitively, as serial numbers are unique.
 */
public final class MfaDeviceTags {
  private final IamContext ctx;

  MfaDeviceTags(IamContext ctx) {
    this.ctx = ctx;
  }

  /** The id the store keys a device's tags by: {@code MFAT} and 28 hex digits of its hash. */
  public static String entityId(String serialNumber) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(serialNumber.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return "MFAT" + HexFormat.of().formatHex(hash).substring(0, 28);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Checks tags given to CreateVirtualMFADevice before anything is written. */
  public static void validate(List<Tag> tags) {
    Validation.tags(tags);
  }

  /** Stores the tags of a device being created, inside its creating transaction. */
  public static void putOnCreate(WriteTransaction tx, String serialNumber, List<Tag> tags) {
    IamRules.putTags(tx, entityId(serialNumber), tags);
  }

  /** Removes every tag of a device being deleted, inside its deleting transaction. */
  public static void removeAll(WriteTransaction tx, String serialNumber) {
    String id = entityId(serialNumber);
    List<String> keys = tx.tags().tags(id).stream().map(Tag::key).toList();
    if (!keys.isEmpty()) {
      tx.tags().removeTags(id, keys);
    }
  }

  /** The device's tags, for GetMFADevice-style answers. */
  public static List<Tag> of(ReadTransaction tx, String serialNumber) {
    return tx.tags().tags(entityId(serialNumber));
  }

  public void tag(String accountId, String serialNumber, List<Tag> tags) {
    serial(serialNumber);
    EntityTags.tag(ctx, accountId, tx -> device(tx, accountId, serialNumber), tags);
  }

  public void untag(String accountId, String serialNumber, List<String> keys) {
    serial(serialNumber);
    EntityTags.untag(ctx, accountId, tx -> device(tx, accountId, serialNumber), keys);
  }

  public Page<Tag> list(String accountId, String serialNumber, PageRequest page) {
    serial(serialNumber);
    return EntityTags.list(ctx, tx -> device(tx, accountId, serialNumber), page);
  }

  /** spec: botocore iam model, serialNumberType: 9 to 256 of {@code [\\w+=/:,.@-]}. */
  static void serial(String serialNumber) {
    Validation.shape("serialNumber", serialNumber, 9, 256, "[\\w+=/:,.@-]+");
  }

  /** The device's tag id; NoSuchEntity when the account has no device with that serial number. */
  private static String device(ReadTransaction tx, String accountId, String serialNumber) {
    return tx.mfa()
        .mfaDevice(serialNumber)
        .filter(d -> d.accountId().equals(accountId))
        .map(d -> entityId(d.serialNumber()))
        .orElseThrow(() -> VirtualMfaDevice.noSuchDevice(serialNumber));
  }
}
