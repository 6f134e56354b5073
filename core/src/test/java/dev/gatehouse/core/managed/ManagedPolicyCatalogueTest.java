package dev.gatehouse.core.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.core.domain.ManagedPolicy;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The streaming loader against a full read of the file as a tree: every policy, every field, and
 * documents equal to what the tree writes back (compact JSON), so nothing depends on how the file
 * happens to be formatted.
 */
class ManagedPolicyCatalogueTest {
  @Test
  void streamingLoadEqualsTheTreeOfTheFile() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode root;
    try (InputStream raw =
        ManagedPolicyCatalogue.class.getResourceAsStream(ManagedPolicyCatalogue.RESOURCE)) {
      root = json.readTree(new GZIPInputStream(raw));
    }
    Map<String, JsonNode> byArn = new HashMap<>();
    root.get("policies").forEach(p -> byArn.put(p.get("Arn").asText(), p));

    ManagedPolicyCatalogue catalogue = ManagedPolicyCatalogue.load();
    assertThat(catalogue.size()).isEqualTo(byArn.size()).isGreaterThan(1500);
    String previous = "";
    for (AwsManagedPolicy a : catalogue.all()) {
      ManagedPolicy p = a.policy();
      JsonNode tree = byArn.get(p.arn());
      assertThat(tree).as(p.arn()).isNotNull();
      assertThat(a.document()).as(p.arn()).isEqualTo(json.writeValueAsString(tree.get("Document")));
      assertThat(p.name()).isEqualTo(tree.get("PolicyName").asText());
      assertThat(p.path()).isEqualTo(tree.get("Path").asText());
      assertThat(p.defaultVersionId()).isEqualTo(tree.get("DefaultVersionId").asText());
      assertThat(p.createDate()).isEqualTo(Instant.parse(tree.get("CreateDate").asText()));
      assertThat(p.updateDate()).isEqualTo(Instant.parse(tree.get("UpdateDate").asText()));
      assertThat(p.id()).startsWith("ANPA").hasSize(21);
      assertThat(catalogue.byArn(p.arn())).containsSame(a);
      assertThat(p.name().compareTo(previous)).isPositive();
      previous = p.name();
    }
  }

  @Test
  void readOnFirstUseOnlyAndOnceUnderConcurrentFirstUse() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch reading = new CountDownLatch(1);
    ManagedPolicyCatalogue catalogue =
        ManagedPolicyCatalogue.lazy(
            () -> {
              reads.incrementAndGet();
              reading.countDown();
              return ManagedPolicyCatalogue.read();
            });
    assertThat(reads).hasValue(0);

    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CyclicBarrier together = new CyclicBarrier(threads);
      List<Future<List<AwsManagedPolicy>>> seen = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        seen.add(
            pool.submit(
                () -> {
                  together.await();
                  return catalogue.all();
                }));
      }
      List<AwsManagedPolicy> first = seen.get(0).get(30, TimeUnit.SECONDS);
      for (Future<List<AwsManagedPolicy>> f : seen) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isSameAs(first);
      }
      assertThat(reading.getCount()).isZero();
      assertThat(reads).hasValue(1);
      assertThat(catalogue.byArn(first.get(0).policy().arn())).containsSame(first.get(0));
      assertThat(catalogue.size()).isEqualTo(first.size());
      assertThat(reads).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedReadFailsEveryUseUntilOneSucceeds() {
    AtomicInteger reads = new AtomicInteger();
    IllegalStateException broken = new IllegalStateException("catalogue policy without Path");
    ManagedPolicyCatalogue catalogue =
        ManagedPolicyCatalogue.lazy(
            () -> {
              if (reads.incrementAndGet() <= 2) {
                throw broken;
              }
              return List.of();
            });
    assertThatThrownBy(catalogue::all).isSameAs(broken);
    assertThatThrownBy(() -> catalogue.byArn("arn:aws:iam::aws:policy/X")).isSameAs(broken);
    assertThat(catalogue.size()).isZero();
    assertThat(catalogue.byArn("arn:aws:iam::aws:policy/X")).isEmpty();
    assertThat(reads).hasValue(3);
  }

  @Test
  void theBundledCatalogueChecksItsSnapshotIsThere() {
    assertThat(ManagedPolicyCatalogue.bundled()).isSameAs(ManagedPolicyCatalogue.bundled());
    assertThatThrownBy(
            () ->
                ManagedPolicyCatalogue.bundledFrom(
                    "/dev/gatehouse/core/managed/absent.json.gz", List::of))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("missing resource /dev/gatehouse/core/managed/absent.json.gz");
  }
}
