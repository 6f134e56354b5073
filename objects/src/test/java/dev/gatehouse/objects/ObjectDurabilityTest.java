package dev.gatehouse.objects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.objects.CatalogObjectStore;
import dev.gatehouse.core.objects.ListRequest;
import dev.gatehouse.core.objects.ListResult;
import dev.gatehouse.core.objects.MultipartRules;
import dev.gatehouse.core.objects.ObjectContent;
import dev.gatehouse.core.objects.ObjectInfo;
import dev.gatehouse.store.sql.SqlObjectCatalog;
import dev.gatehouse.store.sql.SqlStore;
import dev.gatehouse.store.sql.SqliteStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Crash durability of the embedded object store: a child JVM puts objects from several threads and
 * prints an acknowledgement after each put returned; it is killed with SIGKILL mid-stream (puts in
 * flight); after reopening, every acknowledged object is there with its bytes, every visible object
 * is whole (its content has its ETag), and start-up removed what the interrupted puts left.
 */
class ObjectDurabilityTest {
  static final int ACKS_BEFORE_KILL = 150;

  @Test
  void everyAcknowledgedPutSurvivesKillDashNineAndNothingPartialIsVisible() throws Exception {
    Path dir = Files.createTempDirectory("gatehouse-object-durability");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                ObjectDurabilityWorker.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Map<String, String> acks = new HashMap<>();
    String location = "";
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split(" ");
        if (f[0].equals("LOCATION")) {
          location = f[1];
        } else if (f[0].equals("ACK")) {
          acks.put(f[1], f[2]);
          if (acks.size() >= ACKS_BEFORE_KILL) {
            break;
          }
        }
      }
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(acks).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

    try (SqlStore sql = SqliteStore.open(dir)) {
      CatalogObjectStore store =
          FileObjectStore.open(
              dir.resolve("objects"),
              KeyRing.load(dir, Map.of(), new SecureRandom()),
              new SqlObjectCatalog(sql),
              Clock.systemUTC(),
              new SecureRandom());
      for (Map.Entry<String, String> ack : acks.entrySet()) {
        ObjectInfo info = store.head(location, ack.getKey());
        assertThat(info.etag()).as(ack.getKey()).isEqualTo(ack.getValue());
      }
      List<ObjectInfo> visible = new ArrayList<>();
      ListRequest page = ListRequest.prefix("");
      while (true) {
        ListResult r = store.list(location, page);
        visible.addAll(r.objects());
        if (!r.truncated()) {
          break;
        }
        page = page.withContinuationToken(r.nextContinuationToken());
      }
      assertThat(visible.size()).isGreaterThanOrEqualTo(acks.size());
      for (ObjectInfo o : visible) {
        byte[] bytes;
        try (ObjectContent c = store.get(location, o.key())) {
          bytes = c.body().readAllBytes();
        }
        assertThat(bytes).as(o.key()).isEqualTo(ObjectDurabilityWorker.content(o.key()));
        assertThat(MultipartRules.md5Hex(bytes)).as(o.key()).isEqualTo(o.etag());
      }
      try (Stream<Path> tmp = Files.list(dir.resolve("objects/tmp"));
          Stream<Path> blobs = Files.list(dir.resolve("objects/blobs"))) {
        assertThat(tmp.toList()).as("interrupted writes removed").isEmpty();
        // Small objects live inline in their catalog record: only the larger ones have a file.
        assertThat(blobs.count())
            .as("orphan blobs collected")
            .isEqualTo(
                visible.stream().filter(o -> o.size() > CatalogObjectStore.INLINE_MAX).count());
      }
      System.out.printf(
          "object durability: %d acknowledged puts, %d visible after SIGKILL, all whole%n",
          acks.size(), visible.size());
    }
  }
}
