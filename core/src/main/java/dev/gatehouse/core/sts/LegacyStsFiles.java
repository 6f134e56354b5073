package dev.gatehouse.core.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.iam.IamRules;
import dev.gatehouse.core.mfa.TotpState;
import dev.gatehouse.core.mfa.VirtualMfaDevice;
import dev.gatehouse.core.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one-time import of the files in which earlier versions kept STS state in the data directory
 * ({@code mfa-devices}, {@code session-revocations}). Each file is imported into the store in one
 * write transaction, then renamed to {@code NAME.imported}, so it is imported once and kept for the
 * operator. Devices already in the store are left as they are; a device assigned to a user who no
 * longer exists is imported unassigned.
 */
public final class LegacyStsFiles {
  public static final String MFA_DEVICES = "mfa-devices";
  public static final String REVOCATIONS = "session-revocations";
  public static final String IMPORTED = ".imported";

  private LegacyStsFiles() {}

  /**
   * The JSON reader, made when a file is there to read: most starts have none, and making the first
   * mapper costs a start tens of milliseconds.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  public static void importMfaDevices(Path dataDir, Store store) {
    Path file = dataDir.resolve(MFA_DEVICES);
    Optional<JsonNode> root = read(file);
    if (root.isEmpty()) {
      return;
    }
    store.write(
        tx -> {
          for (JsonNode n : root.get()) {
            String accountId = n.path("accountId").asText();
            String serial = n.path("serialNumber").asText();
            if (tx.accounts().account(accountId).isEmpty()
                || tx.mfa().mfaDevice(serial).isPresent()) {
              continue;
            }
            Optional<String> userId =
                n.path("userName").asText().isEmpty()
                    ? Optional.empty()
                    : tx.users().user(accountId, n.path("userName").asText()).map(User::id);
            VirtualMfaDevice device =
                VirtualMfaDevice.unassigned(
                    accountId,
                    serial,
                    n.path("seed").asText(),
                    Instant.parse(n.path("createDate").asText()));
            // Earlier versions had no root devices: only IAM users' assignments are carried over.
            if (userId.isPresent() && n.hasNonNull("enableDate")) {
              device =
                  device.enabledFor(
                      userId.get(),
                      Instant.parse(n.path("enableDate").asText()),
                      new TotpState(n.path("lastUsedStep").asLong(), n.path("driftSteps").asInt()));
            }
            IamRules.createMfaDevice(tx, device);
          }
          return null;
        });
    markImported(file);
  }

  public static void importRevocations(Path dataDir, Store store) {
    Path file = dataDir.resolve(REVOCATIONS);
    Optional<JsonNode> root = read(file);
    if (root.isEmpty()) {
      return;
    }
    List<SessionRevocation> all = new ArrayList<>();
    // The file kept, per access key, the instant after which no session can use it.
    for (Map.Entry<String, JsonNode> e : root.get().path("accessKeys").properties()) {
      Instant until = Instant.parse(e.getValue().asText());
      all.add(
          new SessionRevocation(
              SessionRevocation.Kind.ACCESS_KEY,
              e.getKey(),
              until.minus(RevocationList.LONGEST_SESSION)));
    }
    for (Map.Entry<String, JsonNode> e : root.get().path("originsIssuedBefore").properties()) {
      all.add(
          new SessionRevocation(
              SessionRevocation.Kind.ORIGIN, e.getKey(), Instant.parse(e.getValue().asText())));
    }
    store.write(
        tx -> {
          all.forEach(tx.sessions()::putSessionRevocation);
          return null;
        });
    markImported(file);
  }

  private static Optional<JsonNode> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void markImported(Path file) {
    try {
      Files.move(
          file,
          file.resolveSibling(file.getFileName() + IMPORTED),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rename " + file, e);
    }
  }
}
