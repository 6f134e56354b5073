package dev.gatehouse.server;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.objects.CachedObjectCatalog;
import dev.gatehouse.core.objects.ObjectStore;
import dev.gatehouse.objects.FileObjectStore;
import dev.gatehouse.objects.S3Backend;
import dev.gatehouse.objects.S3BackendStore;
import dev.gatehouse.store.sql.SqlObjectCatalog;
import dev.gatehouse.store.sql.SqlStore;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Where this node's S3 objects live: an S3-compatible backend, or the embedded store. */
final class ObjectStores {
  private ObjectStores() {}

  /**
   * The node's object store and, for the embedded store, its cached catalog (what a GET may be
   * answered from without the database; see {@link InlineObjectReads}).
   */
  record Opened(ObjectStore store, Optional<CachedObjectCatalog> cached) {}

  /**
   * The backend of {@code --s3-backend} when given; otherwise the embedded store in the data dir,
   * its catalog beside Gatehouse's tables. This node writes that catalog alone (nodes sharing a
   * store need a backend), so GET and HEAD read object records from memory ({@link
   * CachedObjectCatalog}); an online master-key rotation re-seals the inline blobs behind the
   * cache, which it therefore clears once they are re-sealed.
   */
  static Opened open(
      ServerConfig config,
      Map<String, String> environment,
      KeyRing keyRing,
      SqlStore sql,
      OnlineMasterKeyRotation masterKeys,
      Clock clock,
      SecureRandom random) {
    if (config.s3BackendUrl().isPresent()) {
      Map<String, String> env = new HashMap<>(environment);
      env.put(S3Backend.ENV_ENDPOINT, config.s3BackendUrl().get());
      return new Opened(
          new S3BackendStore(
              S3Backend.fromEnvironment(env),
              HttpClient.newHttpClient(),
              config.dataDir().resolve("spool"),
              clock),
          Optional.empty());
    }
    CachedObjectCatalog catalog = new CachedObjectCatalog(new SqlObjectCatalog(sql));
    masterKeys.afterReseal(catalog::clear);
    return new Opened(
        FileObjectStore.open(config.dataDir().resolve("objects"), keyRing, catalog, clock, random),
        Optional.of(catalog));
  }
}
