package dev.gatehouse.server.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.sts.RevocationList;
import dev.gatehouse.core.sts.SessionClaims;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Gatehouse's immediate session revocation (beyond AWS, which cannot revoke: AWS-FACTS 2.3): one
 * session by its temporary access key id, or every session a user started (role sessions included)
 * before now. Checked on every request signed with temporary credentials; persisted in the data
 * directory ({@code session-revocations}, written atomically) so a restart keeps it. Entries drop
 * out once no session they could match can still be alive.
 */
final class Revocations {
  static final String FILE_NAME = "session-revocations";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Clock clock;
  private volatile State state;

  /** Revoked access keys (with the instant after which no session can use them) and the list. */
  private record State(Map<String, Instant> accessKeys, RevocationList list) {
    State {
      accessKeys = Map.copyOf(accessKeys);
    }
  }

  Revocations(Path dataDir, Clock clock) {
    this.file = dataDir.resolve(FILE_NAME);
    this.clock = clock;
    this.state = load(file);
  }

  boolean isRevoked(SessionClaims claims) {
    State s = state;
    return s.accessKeys().containsKey(claims.accessKeyId()) || s.list().isRevoked(claims);
  }

  /** Revokes the session using temporary access key {@code accessKeyId}, from now on. */
  synchronized void revokeAccessKey(String accessKeyId) {
    Instant now = clock.instant();
    Map<String, Instant> keys = new HashMap<>(state.accessKeys());
    keys.put(accessKeyId, now.plus(RevocationList.LONGEST_SESSION));
    save(new State(keys, state.list()), now);
  }

  /** Revokes every session started by the user with unique id {@code userId} until now. */
  synchronized void revokeOrigin(String userId) {
    Instant now = clock.instant();
    save(new State(state.accessKeys(), state.list().revokeOriginSessionsBefore(userId, now)), now);
  }

  private void save(State next, Instant now) {
    Map<String, Instant> keys = new HashMap<>(next.accessKeys());
    keys.values().removeIf(until -> !until.isAfter(now));
    State pruned = new State(keys, next.list().pruned(now));
    ObjectNode root = JSON.createObjectNode();
    ObjectNode accessKeys = root.putObject("accessKeys");
    pruned.accessKeys().forEach((k, v) -> accessKeys.put(k, v.toString()));
    ObjectNode origins = root.putObject("originsIssuedBefore");
    pruned.list().originsIssuedBefore().forEach((k, v) -> origins.put(k, v.toString()));
    try {
      Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
      Files.writeString(tmp, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    state = pruned;
  }

  private static State load(Path file) {
    if (!Files.exists(file)) {
      return new State(Map.of(), RevocationList.empty());
    }
    try {
      JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return new State(
          instants(root.path("accessKeys")),
          new RevocationList(Map.of(), Map.of(), instants(root.path("originsIssuedBefore"))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Map<String, Instant> instants(JsonNode node) {
    Map<String, Instant> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(e.getKey(), Instant.parse(e.getValue().asText()));
    }
    return out;
  }
}
