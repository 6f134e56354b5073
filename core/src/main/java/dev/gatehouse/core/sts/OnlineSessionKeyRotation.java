package dev.gatehouse.core.sts;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Rotates the session-token keys of a running node: the key file is rotated as {@link
 * SessionKeyRotation} does (atomically replaced; the old key kept, noted retired, until its tokens
 * expired), then the node's sealer adopts the ring read back from the file. Tokens sealed before
 * keep unsealing until they expire; tokens issued after are sealed under the new key, and a restart
 * reads the same file.
 *
 * <p>Keys given in {@code GATEHOUSE_SESSION_KEYS} (required when nodes share a PostgreSQL store)
 * are refused: one node cannot change the other nodes' memory, and a token sealed under a key only
 * this node knew would fail on the others. Such keys rotate in the environment, node by node.
 */
public final class OnlineSessionKeyRotation {
  private final Path dataDir;
  private final Map<String, String> environment;
  private final SessionTokenSealer sealer;
  private final SecureRandom random;
  private final Clock clock;

  public OnlineSessionKeyRotation(
      Path dataDir,
      Map<String, String> environment,
      SessionTokenSealer sealer,
      SecureRandom random,
      Clock clock) {
    this.dataDir = Objects.requireNonNull(dataDir);
    this.environment = Map.copyOf(environment);
    this.sealer = Objects.requireNonNull(sealer);
    this.random = Objects.requireNonNull(random);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * Rotates now; one rotation at a time.
   *
   * @throws GatehouseException UnmodifiableEntity when the keys come from the environment
   */
  public synchronized SessionKeyRotation.Outcome rotate() {
    if (!environment.getOrDefault(SessionKeyStore.ENV, "").isBlank()) {
      throw new GatehouseException(
          ErrorCode.UNMODIFIABLE_ENTITY,
          "The session keys come from "
              + SessionKeyStore.ENV
              + ", which this node cannot change: put a new key first there, keep the old ones"
              + " until their tokens expire, and restart the nodes one by one.");
    }
    SessionKeyRotation.Outcome outcome =
        SessionKeyRotation.rotate(dataDir, random, clock.instant());
    sealer.adopt(SessionKeyStore.loadOrCreate(dataDir, Map.of(), random));
    return outcome;
  }
}
