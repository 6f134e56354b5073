package dev.gatehouse.objects;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.objects.CatalogObjectStore;
import dev.gatehouse.core.objects.ObjectInfo;
import dev.gatehouse.core.objects.ObjectStoreContract;
import dev.gatehouse.core.objects.ObjectWrite;
import dev.gatehouse.store.sql.SqlObjectCatalog;
import dev.gatehouse.store.sql.SqlStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link ObjectDurabilityTest}: puts objects from several threads until
 * killed, printing one line per acknowledged put, after {@code put} returned.
 */
public final class ObjectDurabilityWorker {
  static final int THREADS = 4;

  private ObjectDurabilityWorker() {}

  /** The content of an object: determined by its key, of a size that varies with it. */
  static byte[] content(String key) {
    int size = Math.floorMod(key.hashCode(), 200_000) + (key.hashCode() % 7 == 0 ? 0 : 1);
    return ObjectStoreContract.bytes(size, key.hashCode());
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    SqlStore sql = SqliteStore.open(dir);
    CatalogObjectStore store =
        FileObjectStore.open(
            dir.resolve("objects"),
            KeyRing.load(dir, Map.of(), new SecureRandom()),
            new SqlObjectCatalog(sql),
            Clock.systemUTC(),
            new SecureRandom());
    String location = store.createBucket("durable");
    out.println("LOCATION " + location);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; ; i++) {
                  String key = "t" + thread + "/o" + i;
                  byte[] body = content(key);
                  ObjectInfo info =
                      store.put(
                          location,
                          ObjectWrite.of(key, body.length),
                          new ByteArrayInputStream(body));
                  out.println("ACK " + key + " " + info.etag());
                }
              });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
  }
}
