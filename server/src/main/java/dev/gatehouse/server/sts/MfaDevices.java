package dev.gatehouse.server.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.mfa.Base32;
import dev.gatehouse.core.mfa.Totp;
import dev.gatehouse.core.mfa.TotpResult;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.TotpVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Virtual MFA devices: seeds sealed with the master key ring (the envelope that protects secret
 * access keys), the TOTP state that makes every code usable once, the user a device is enabled for.
 * Kept in the data directory ({@code mfa-devices}, replaced atomically on each change, mode 0600
 * through the directory).
 */
final class MfaDevices {
  static final String FILE_NAME = "mfa-devices";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One device.
   *
   * @param serialNumber {@code arn:aws:iam::ACCOUNT:mfa/PATH/NAME}
   * @param sealedSeed the seed sealed with the key ring, bound to the serial number
   * @param userName the user it is enabled for, empty when unassigned
   */
  record Device(
      String accountId,
      String serialNumber,
      String sealedSeed,
      Instant createDate,
      String userName,
      Optional<Instant> enableDate,
      TotpState state) {}

  /** A created device with its seed (Base32, unpadded), shown once. */
  record Created(Device device, String seedBase32) {}

  private final Path file;
  private final KeyRing keys;
  private final SecureRandom random;
  private final Clock clock;
  private final TotpVerifier verifier = TotpVerifier.standard();
  private final Map<String, Device> devices = new LinkedHashMap<>();

  MfaDevices(Path dataDir, KeyRing keys, SecureRandom random, Clock clock) {
    this.file = dataDir.resolve(FILE_NAME);
    this.keys = keys;
    this.random = random;
    this.clock = clock;
    load();
  }

  synchronized Created create(String accountId, String path, String name) {
    String serial = "arn:aws:iam::" + accountId + ":mfa" + path + name;
    for (Device d : devices.values()) {
      if (d.accountId().equals(accountId) && d.serialNumber().equalsIgnoreCase(serial)) {
        throw new GatehouseException(
            ErrorCode.ENTITY_ALREADY_EXISTS,
            "MFADevice entity at the same path and name already exists.");
      }
    }
    byte[] seed = Totp.newSeed(random);
    Device device =
        new Device(
            accountId,
            serial,
            keys.seal(seed, serial),
            clock.instant(),
            "",
            Optional.empty(),
            TotpState.initial());
    put(device);
    return new Created(device, Base32.encodeUnpadded(seed));
  }

  synchronized Device get(String serialNumber) {
    Device d = devices.get(serialNumber);
    if (d == null) {
      throw new GatehouseException(
          ErrorCode.NO_SUCH_ENTITY,
          "MFA Device with serial number " + serialNumber + " does not exist.");
    }
    return d;
  }

  synchronized List<Device> list(String accountId) {
    List<Device> out = new ArrayList<>();
    for (Device d : devices.values()) {
      if (d.accountId().equals(accountId)) {
        out.add(d);
      }
    }
    return out;
  }

  /** EnableMFADevice: two consecutive codes (InvalidAuthenticationCode otherwise). */
  synchronized void enable(String accountId, String userName, String serial, String c1, String c2) {
    Device d = owned(accountId, serial);
    if (!d.userName().isEmpty()) {
      throw new GatehouseException(
          ErrorCode.ENTITY_ALREADY_EXISTS, "MFA Device is already in use.");
    }
    TotpResult r = verifier.enable(seed(d), c1, c2, clock.instant());
    if (r instanceof TotpResult.Rejected rejected) {
      throw rejected.failure().toIamException();
    }
    put(
        new Device(
            d.accountId(),
            d.serialNumber(),
            d.sealedSeed(),
            d.createDate(),
            userName,
            Optional.of(clock.instant()),
            ((TotpResult.Accepted) r).state()));
  }

  synchronized void resync(String accountId, String userName, String serial, String c1, String c2) {
    Device d = assigned(accountId, userName, serial);
    TotpResult r = verifier.resync(seed(d), c1, c2, clock.instant(), d.state());
    if (r instanceof TotpResult.Rejected rejected) {
      throw rejected.failure().toIamException();
    }
    put(withState(d, ((TotpResult.Accepted) r).state()));
  }

  synchronized void deactivate(String accountId, String userName, String serial) {
    Device d = assigned(accountId, userName, serial);
    put(
        new Device(
            d.accountId(),
            d.serialNumber(),
            d.sealedSeed(),
            d.createDate(),
            "",
            Optional.empty(),
            TotpState.initial()));
  }

  synchronized void delete(String accountId, String serial) {
    Device d = owned(accountId, serial);
    if (!d.userName().isEmpty()) {
      throw new GatehouseException(
          ErrorCode.DELETE_CONFLICT, "MFA VirtualDevice in use. Must deactivate first.");
    }
    devices.remove(d.serialNumber());
    save();
  }

  /**
   * Verifies a code for AssumeRole or GetSessionToken: the device must be enabled for {@code
   * userName} in the account; the code is then used up. Every failure is AWS's one AccessDenied.
   *
   * @return when the code was verified
   */
  synchronized Instant verify(String accountId, String userName, String serial, String code) {
    Device d = devices.get(serial);
    if (d == null
        || !d.accountId().equals(accountId)
        || userName.isEmpty()
        || !d.userName().equals(userName)) {
      throw new GatehouseException(ErrorCode.ACCESS_DENIED, StsWiring.MFA_FAILED);
    }
    Instant now = clock.instant();
    TotpResult r = verifier.verify(seed(d), code, now, d.state());
    if (r instanceof TotpResult.Rejected rejected) {
      throw rejected.failure().toStsException();
    }
    put(withState(d, ((TotpResult.Accepted) r).state()));
    return now;
  }

  private Device owned(String accountId, String serial) {
    Device d = get(serial);
    if (!d.accountId().equals(accountId)) {
      throw new GatehouseException(
          ErrorCode.NO_SUCH_ENTITY, "MFA Device with serial number " + serial + " does not exist.");
    }
    return d;
  }

  private Device assigned(String accountId, String userName, String serial) {
    Device d = owned(accountId, serial);
    if (!d.userName().equals(userName)) {
      throw new GatehouseException(
          ErrorCode.NO_SUCH_ENTITY,
          "MFA Device with serial number " + serial + " is not assigned to user " + userName + ".");
    }
    return d;
  }

  private static Device withState(Device d, TotpState state) {
    return new Device(
        d.accountId(),
        d.serialNumber(),
        d.sealedSeed(),
        d.createDate(),
        d.userName(),
        d.enableDate(),
        state);
  }

  private byte[] seed(Device d) {
    return keys.open(d.sealedSeed(), d.serialNumber());
  }

  private void put(Device d) {
    devices.put(d.serialNumber(), d);
    save();
  }

  private void save() {
    ArrayNode all = JSON.createArrayNode();
    for (Device d : devices.values()) {
      ObjectNode n = all.addObject();
      n.put("accountId", d.accountId());
      n.put("serialNumber", d.serialNumber());
      n.put("seed", d.sealedSeed());
      n.put("createDate", d.createDate().toString());
      n.put("userName", d.userName());
      d.enableDate().ifPresent(at -> n.put("enableDate", at.toString()));
      n.put("lastUsedStep", d.state().lastUsedStep());
      n.put("driftSteps", d.state().driftSteps());
    }
    try {
      Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
      Files.writeString(tmp, JSON.writeValueAsString(all), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    try {
      for (JsonNode n : JSON.readTree(Files.readString(file, StandardCharsets.UTF_8))) {
        Device d =
            new Device(
                n.path("accountId").asText(),
                n.path("serialNumber").asText(),
                n.path("seed").asText(),
                Instant.parse(n.path("createDate").asText()),
                n.path("userName").asText(),
                n.hasNonNull("enableDate")
                    ? Optional.of(Instant.parse(n.path("enableDate").asText()))
                    : Optional.empty(),
                new TotpState(n.path("lastUsedStep").asLong(), n.path("driftSteps").asInt()));
        devices.put(d.serialNumber(), d);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
