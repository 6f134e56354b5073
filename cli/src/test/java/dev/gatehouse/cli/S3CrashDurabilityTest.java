package dev.gatehouse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Durability over HTTP: clients on several threads put objects of varying sizes (empty to 2 MiB,
 * and multipart uploads of two parts) into the product running in a child JVM; the child is killed
 * with {@code kill -9} while requests are in flight, then started again on the same data directory.
 * Every PUT (or CompleteMultipartUpload) the server acknowledged is read back with exactly its
 * bytes; every listed object is one that was acknowledged or was in flight at the kill (its commit
 * may precede the lost reply), and is whole; the interrupted multipart uploads left no object.
 */
class S3CrashDurabilityTest {
  private static final int THREADS = 4;
  private static final int ACKS_BEFORE_KILL = 24;
  private static final int MIB = 1024 * 1024;
  private static final int[] SIZES = {0, 1, 4096, 65_537, MIB + 3, 2 * MIB, -1};

  @TempDir Path dir;

  /** The bytes of a key: its size is in its name, its content follows from the whole name. */
  static byte[] content(String key) {
    int size = Integer.parseInt(key.substring(key.lastIndexOf('-') + 1));
    byte[] bytes = new byte[size];
    new SplittableRandom(key.hashCode()).nextBytes(bytes);
    return bytes;
  }

  @Test
  void everyAcknowledgedPutSurvivesKillDashNineAndNothingPartialIsListed() throws Exception {
    Path data = dir.resolve("data");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    Set<String> attempted = ConcurrentHashMap.newKeySet();
    Map<String, Throwable> failuresBeforeKill = new ConcurrentHashMap<>();
    AtomicBoolean killed = new AtomicBoolean();
    CountDownLatch enoughAcks = new CountDownLatch(ACKS_BEFORE_KILL);
    List<Thread> writers = new ArrayList<>();
    try (ChildGatehouse server = ChildGatehouse.start(data, "-Xmx256m")) {
      try (S3Client s3 = server.s3()) {
        s3.createBucket(r -> r.bucket("crash"));
      }
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        Thread writer =
            new Thread(
                () -> {
                  try (S3Client s3 = server.s3()) {
                    for (int i = 0; !killed.get(); i++) {
                      int size = SIZES[(i + thread) % SIZES.length];
                      String key =
                          size < 0
                              ? "t" + thread + "/mpu" + i + "-" + (5 * MIB + 2)
                              : "t" + thread + "/put" + i + "-" + size;
                      attempted.add(key);
                      try {
                        put(s3, key, size < 0);
                        acknowledged.add(key);
                        enoughAcks.countDown();
                      } catch (RuntimeException e) {
                        if (!killed.get()) {
                          failuresBeforeKill.put(key, e);
                        }
                        return;
                      }
                    }
                  }
                },
                "writer-" + t);
        writer.start();
        writers.add(writer);
      }
      assertThat(enoughAcks.await(120, TimeUnit.SECONDS)).as("acknowledgements").isTrue();
      if (!failuresBeforeKill.isEmpty()) {
        System.err.println("CHILD LOG\n" + server.log());
      }
      killed.set(true);
      server.kill();
      for (Thread writer : writers) {
        writer.join(60_000);
      }
    }
    assertThat(failuresBeforeKill).isEmpty();
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

    try (ChildGatehouse again = ChildGatehouse.start(data, "-Xmx256m");
        S3Client s3 = again.s3()) {
      for (String key : acknowledged) {
        byte[] read = s3.getObjectAsBytes(r -> r.bucket("crash").key(key)).asByteArray();
        assertThat(read).as(key).isEqualTo(content(key));
      }
      List<S3Object> listed = new ArrayList<>();
      s3.listObjectsV2Paginator(r -> r.bucket("crash")).contents().forEach(listed::add);
      for (S3Object o : listed) {
        assertThat(attempted).as("listed, never sent").contains(o.key());
        byte[] expected = content(o.key());
        assertThat(o.size()).as(o.key()).isEqualTo((long) expected.length);
        assertThat(s3.getObjectAsBytes(r -> r.bucket("crash").key(o.key())).asByteArray())
            .as(o.key())
            .isEqualTo(expected);
      }
      assertThat(listed).extracting(S3Object::key).containsAll(acknowledged);
      for (String key : attempted) {
        if (listed.stream().noneMatch(o -> o.key().equals(key))) {
          assertThat(code(() -> s3.headObject(r -> r.bucket("crash").key(key))))
              .as(key)
              .isEqualTo("404");
        }
      }
      System.out.printf(
          "S3 durability: %d acknowledged, %d in flight at kill -9, %d listed after restart%n",
          acknowledged.size(), attempted.size() - acknowledged.size(), listed.size());
    }
  }

  /** A single PUT, or a multipart upload of a 5 MiB part and a 2-byte part. */
  private static void put(S3Client s3, String key, boolean multipart) {
    byte[] bytes = content(key);
    if (!multipart) {
      s3.putObject(r -> r.bucket("crash").key(key), RequestBody.fromBytes(bytes));
      return;
    }
    String upload = s3.createMultipartUpload(r -> r.bucket("crash").key(key)).uploadId();
    List<CompletedPart> parts = new ArrayList<>();
    int[][] ranges = {{0, 5 * MIB}, {5 * MIB, bytes.length}};
    for (int p = 0; p < ranges.length; p++) {
      int number = p + 1;
      byte[] part = Arrays.copyOfRange(bytes, ranges[p][0], ranges[p][1]);
      String etag =
          s3.uploadPart(
                  r -> r.bucket("crash").key(key).uploadId(upload).partNumber(number),
                  RequestBody.fromBytes(part))
              .eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
    }
    s3.completeMultipartUpload(
        r -> r.bucket("crash").key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)));
  }

  /** The HTTP status of a refused call as text, or "none". */
  private static String code(Runnable call) {
    try {
      call.run();
    } catch (AwsServiceException e) {
      return String.valueOf(e.statusCode());
    }
    return "none";
  }
}
