package dev.gatehouse.server;

import dev.gatehouse.api.sts.KeyRotationActions;
import dev.gatehouse.core.crypto.CryptoException;
import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.core.store.Store;
import dev.gatehouse.objects.BlobKeyRotation;
import dev.gatehouse.store.sql.SqlStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the master key of a running single node ({@code RotateKeys} with {@code Keys=master}),
 * the steps of {@link MasterKeyRotation} with the node's key ring switched in memory:
 *
 * <ol>
 *   <li>the new key is written to {@code master.key.next} (or the pending one reused);
 *   <li>the ring seals under it from now on, every key still opening, and waits for the requests
 *       that began before the switch ({@link KeyRing#sealWith}): they may have sealed a value under
 *       the old key that they store only later (a blob's data key is sealed before its bytes stream
 *       in), so only once they are done does the re-sealing below see every such value;
 *   <li>each blob file's data key, then every store secret, then the objects kept inline are
 *       re-sealed under the new key (the writes after the switch already are);
 *   <li>the {@link #afterReseal} hooks run (caches of sealed values drop them);
 *   <li>{@code master.key} is replaced by the new key, and the ring forgets the old one.
 * </ol>
 *
 * <p>A rotation that fails anywhere leaves the node and the data dir usable: the ring opens with
 * both keys, {@code master.key.next} is kept (a restart opens with both too), and running the
 * rotation again, online or offline, finishes it.
 *
 * <p>Refused when this node cannot change the key alone: it comes from {@code
 * GATEHOUSE_MASTER_KEY}, or nodes share a PostgreSQL store (each holds the key in memory).
 */
public final class OnlineMasterKeyRotation implements KeyRotationActions.MasterKeys {
  private static final Logger LOG = LoggerFactory.getLogger(OnlineMasterKeyRotation.class);

  /** How long the switch waits for the requests begun before it (a long upload, say). */
  static final Duration DRAIN = Duration.ofMinutes(5);

  private final Path dataDir;
  private final Map<String, String> environment;
  private final KeyRing ring;
  private final Store store;
  private final SecureRandom random;
  private final List<Runnable> afterReseal = new CopyOnWriteArrayList<>();
  private final Duration drain;

  /**
   * @param store the node's store: only the embedded one (an {@link SqlStore} over SQLite) rotates
   */
  public OnlineMasterKeyRotation(
      ServerConfig config,
      Map<String, String> environment,
      KeyRing ring,
      Store store,
      SecureRandom random) {
    this(config, environment, ring, store, random, DRAIN);
  }

  OnlineMasterKeyRotation(
      ServerConfig config,
      Map<String, String> environment,
      KeyRing ring,
      Store store,
      SecureRandom random,
      Duration drain) {
    this.dataDir = config.dataDir();
    this.environment = Map.copyOf(environment);
    this.ring = Objects.requireNonNull(ring);
    // Nodes sharing PostgreSQL take the key from the environment (refused below); a store that is
    // not SQL has no sealed-value tables to re-seal.
    this.store = config.store() instanceof ServerConfig.StoreChoice.Postgres ? null : store;
    this.random = Objects.requireNonNull(random);
    this.drain = Objects.requireNonNull(drain);
  }

  /**
   * HOOK: {@code hook} runs in each rotation once every stored value is re-sealed, before the old
   * key is forgotten, for a cache holding values sealed under the old key (the object catalog's
   * records with inline blobs) to drop them; what it loads afterwards is re-sealed.
   */
  public void afterReseal(Runnable hook) {
    afterReseal.add(Objects.requireNonNull(hook));
  }

  @Override
  public synchronized KeyRotationActions.MasterKeyOutcome rotate() {
    if (!environment.getOrDefault(KeyRing.ENV, "").isBlank()) {
      throw new GatehouseException(
          ErrorCode.UNMODIFIABLE_ENTITY, MasterKeyRotation.FROM_ENVIRONMENT);
    }
    if (!(store instanceof SqlStore sql)) {
      throw new GatehouseException(
          ErrorCode.UNMODIFIABLE_ENTITY,
          "the master key rotates online on a single node with the embedded store only: nodes"
              + " sharing a PostgreSQL store each hold it in memory");
    }
    try {
      List<byte[]> newKey = MasterKeyRotation.pendingKey(dataDir, random);
      ring.sealWith(newKey, drain);
      KeyRing from = ring.copy();
      KeyRing to = KeyRing.of(newKey, random);
      int blobs = BlobKeyRotation.reseal(dataDir.resolve("objects"), from, to);
      MasterKeyRotation.Outcome stored = MasterKeyRotation.resealStore(sql, from, to);
      afterReseal.forEach(Runnable::run);
      MasterKeyRotation.install(dataDir);
      ring.retainOnly(newKey);
      LOG.info(
          "master key rotated online: {} seals; re-sealed {} secrets and {} object keys",
          to.activeKeyId(),
          stored.secrets(),
          blobs + stored.blobs());
      return new KeyRotationActions.MasterKeyOutcome(
          to.activeKeyId(), stored.secrets(), blobs + stored.blobs());
    } catch (IOException | UncheckedIOException | CryptoException e) {
      throw new GatehouseException(
          ErrorCode.SERVICE_UNAVAILABLE,
          "the master key rotation stopped ("
              + e.getMessage()
              + "); values open under both keys meanwhile: call RotateKeys again to finish it",
          e);
    }
  }
}
