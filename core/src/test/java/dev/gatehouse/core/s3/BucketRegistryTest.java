package dev.gatehouse.core.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.iam.Change;
import dev.gatehouse.core.snapshot.CompiledPolicies;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BucketRegistryTest {
  static final String A = "111122223333";
  static final String B = "444455556666";
  static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
          + "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::shared/*\"}]}";

  /** A store that counts reads, written to behind the registry's back as another node would. */
  static final class CountingStore extends ForwardingBucketStore {
    int reads;

    CountingStore() {
      super(new MemoryBucketStore());
    }

    @Override
    public Optional<Bucket> find(String name) {
      reads++;
      return super.find(name);
    }

    @Override
    public List<Bucket> listByOwner(String accountId) {
      reads++;
      return super.listByOwner(accountId);
    }

    @Override
    public List<Bucket> listAll() {
      reads++;
      return super.listAll();
    }
  }

  CountingStore store;
  CompiledPolicies compiled;
  BucketRegistry registry;

  @BeforeEach
  void setUp() {
    store = new CountingStore();
    compiled = CompiledPolicies.bounded(16);
    registry = new BucketRegistry(store, compiled);
    // Loaded on first use: from here on, only reported changes are read again.
    assertThat(registry.listAll()).isEmpty();
  }

  static Bucket bucket(String name, String owner) {
    return Bucket.created(name, owner, "us-east-1", Instant.EPOCH, "loc-" + name);
  }

  @Test
  void readsAfterTheFirstComeFromMemory() {
    registry.insert(bucket("shared", A), 10);
    registry.setPolicy("shared", Optional.of(POLICY));
    registry.find("shared");
    int reads = store.reads;
    for (int i = 0; i < 100; i++) {
      assertThat(registry.find("shared")).isPresent();
      assertThat(registry.find("absent")).isEmpty();
      assertThat(registry.listByOwner(A)).hasSize(1);
      assertThat(registry.policyOf(registry.find("shared").orElseThrow())).isPresent();
    }
    assertThat(store.reads).isEqualTo(reads);
    assertThat(compiled.compilations()).isEqualTo(1);
  }

  @Test
  void inMemoryOnlyOnceReadAndUntilEverythingChanged() {
    assertThat(new BucketRegistry(store, compiled).inMemory()).as("never read").isFalse();
    registry.find("shared");
    assertThat(registry.inMemory()).isTrue();
    registry.insert(bucket("shared", A), 10);
    assertThat(registry.inMemory()).isTrue(); // a write reads the owner's buckets again
    registry.everythingChanged();
    assertThat(registry.inMemory()).isFalse();
    int reads = store.reads;
    registry.find("shared");
    assertThat(store.reads).isEqualTo(reads + 1);
    assertThat(registry.inMemory()).isTrue();
  }

  @Test
  void aWriteOnThisNodeReadsTheOwnersBucketsOnce() {
    int before = store.reads;
    registry.insert(bucket("once", A), 10);
    // Buckets reports its own write to every listener, this registry among them.
    registry.bucketsChanged(A);
    assertThat(store.reads - before).as("one read of A's buckets per write").isEqualTo(1);
    assertThat(registry.find("once")).isPresent();
  }

  @Test
  void anotherNodesWriteIsSeenOnlyOnceItsAccountIsReported() {
    registry.insert(bucket("mine", A), 10);
    // Another node creates a bucket and puts a policy on this node's bucket, in the shared store.
    store.insert(bucket("theirs", B), 10);
    store.setPolicy("mine", Optional.of(POLICY));
    assertThat(registry.find("theirs")).isEmpty();
    assertThat(registry.find("mine").orElseThrow().policy()).isEmpty();

    registry.committed(B, new Change.WholeAccount());
    assertThat(registry.find("theirs"))
        .as("a classified IAM write says nothing of buckets")
        .isEmpty();
    registry.committed(B);
    assertThat(registry.find("theirs")).isPresent();
    assertThat(registry.find("mine").orElseThrow().policy()).as("only B was read again").isEmpty();
    registry.bucketsChanged(A);
    assertThat(registry.find("mine").orElseThrow().policy())
        .as("this node's own bucket writes went through the registry: nothing to read again")
        .isEmpty();
    registry.committed(A);
    assertThat(registry.find("mine").orElseThrow().policy()).contains(POLICY);
    assertThat(registry.policyOf(registry.find("mine").orElseThrow()).orElseThrow().isPublic())
        .isTrue();
  }

  @Test
  void aDeletionElsewhereFreesTheNameForItsNewOwner() {
    registry.insert(bucket("moving", A), 10);
    store.delete("moving");
    store.insert(bucket("moving", B), 10);
    registry.committed(B);
    assertThat(registry.find("moving").orElseThrow().ownerAccountId()).isEqualTo(B);
    registry.committed(A);
    assertThat(registry.find("moving").orElseThrow().ownerAccountId()).isEqualTo(B);
    assertThat(registry.listByOwner(A)).isEmpty();
  }

  @Test
  void missedChangesReadEverythingAgain() {
    registry.insert(bucket("one", A), 10);
    store.insert(bucket("two", B), 10);
    registry.lastUseRecorded(B, "AROAEXAMPLE");
    assertThat(registry.listAll()).extracting(Bucket::name).containsExactly("one");
    registry.everythingChanged();
    assertThat(registry.listAll()).extracting(Bucket::name).containsExactly("one", "two");
  }

  @Test
  void aPolicyNotInTheViewIsCompiledThroughTheSharedCache() {
    Bucket outside =
        new Bucket(
            "elsewhere",
            A,
            "us-east-1",
            Instant.EPOCH,
            "x",
            Optional.of(POLICY),
            Optional.empty(),
            Map.of());
    assertThat(registry.policyOf(outside)).isPresent();
    assertThat(registry.policyOf(outside)).isPresent();
    assertThat(compiled.compilations()).isEqualTo(1);
    assertThat(registry.policyOf(bucket("bare", A))).isEmpty();
  }

  @Test
  void writesToAnUnknownBucketReadItsOwnerFromTheStore() {
    store.insert(bucket("unseen", B), 10);
    registry.find("x");
    List<String> before =
        new ArrayList<>(registry.listByOwner(B).stream().map(Bucket::name).toList());
    assertThat(before).isEmpty();
    assertThat(registry.setTags("unseen", Map.of("k", "v"))).isTrue();
    assertThat(registry.find("unseen").orElseThrow().tags()).containsEntry("k", "v");
    assertThat(registry.setTags("never", Map.of("k", "v"))).isFalse();
  }
}
