package dev.gatehouse.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.domain.AccessKey;
import dev.gatehouse.core.domain.AccessKeyOwner;
import dev.gatehouse.core.domain.ManagedPolicy;
import dev.gatehouse.core.domain.User;
import dev.gatehouse.core.store.Store;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Crash durability: a child JVM writes concurrently and prints an acknowledgement after each
 * commit; it is killed with SIGKILL mid-stream; after reopening, every acknowledged write is there
 * and the limits (2 keys per user, 5 versions per policy) still hold.
 */
class SqliteDurabilityTest {
  static final int ACKS_BEFORE_KILL = 300;

  @Test
  void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
    Path dir = Files.createTempDirectory("gatehouse-durability");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                DurabilityWorker.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    List<String> acks = new ArrayList<>();
    long started = 0;
    long killedAt;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals("READY")) {
          started = System.nanoTime();
        } else if (line.startsWith("ACK ")) {
          acks.add(line);
          if (acks.size() >= ACKS_BEFORE_KILL) {
            break;
          }
        }
      }
      // SIGKILL while the writers are mid-stream (the child never stops on its own).
      killedAt = System.nanoTime();
      child.destroyForcibly();
      child.waitFor();
    }
    assertThat(acks).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
    double seconds = (killedAt - started) / 1e9;
    System.out.printf(
        "durability: %d acknowledged writes from %d threads in %.2f s (%.0f commits/s), then"
            + " SIGKILL%n",
        acks.size(), DurabilityWorker.THREADS, seconds, ACKS_BEFORE_KILL / seconds);

    try (Store store = SqliteStore.open(dir)) {
      String account = DurabilityWorker.ACCOUNT;
      Set<String> users = new HashSet<>();
      store.read(tx -> tx.users().users(account)).forEach(u -> users.add(u.name()));
      Map<String, Integer> keysPerUser = new HashMap<>();
      Set<String> keys = new HashSet<>();
      for (User u : store.read(tx -> tx.users().users(account))) {
        List<AccessKey> ks =
            store.read(tx -> tx.keys().accessKeys(account, new AccessKeyOwner.IamUser(u.id())));
        keysPerUser.put(u.name(), ks.size());
        ks.forEach(k -> keys.add(k.accessKeyId()));
      }
      Map<String, Set<String>> versions = new HashMap<>();
      for (ManagedPolicy p : store.read(tx -> tx.policies().policies(account))) {
        Set<String> vs = new HashSet<>();
        store
            .read(tx -> tx.policies().policyVersions(account, p.arn()))
            .forEach(v -> vs.add(v.versionId()));
        versions.put(p.arn(), vs);
      }
      for (String ack : acks) {
        String[] f = ack.split(" ");
        switch (f[1]) {
          case "user" -> assertThat(users).as(ack).contains(f[2]);
          case "key" -> assertThat(keys).as(ack).contains(f[2]);
          case "version" -> assertThat(versions.get(f[2])).as(ack).contains(f[3]);
          default -> throw new AssertionError("unknown ack " + ack);
        }
      }
      assertThat(keysPerUser.values()).allMatch(n -> n <= 2);
      assertThat(versions.values()).allMatch(v -> v.size() <= 5);
      assertThat(versions).hasSize(DurabilityWorker.POLICIES);
    }
  }
}
