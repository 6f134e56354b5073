package dev.gatehouse.core.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules of {@link CatalogObjectStore} over memory ports, and the contract suite. */
class MemoryObjectStoreTest extends ObjectStoreContract {
  private final MemoryObjectCatalog catalog = new MemoryObjectCatalog();
  private final MemoryBlobStore blobs = new MemoryBlobStore();
  private final CatalogObjectStore store =
      new CatalogObjectStore(catalog, blobs, Clock.systemUTC(), new SecureRandom());

  /** A GET's transfer writes whole blobs (batches of segments), not a copy buffer's 8 KiB. */
  @Override
  protected int smallestLargestTransferWrite() {
    return 64 * 1024 + 1;
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Test
  void orphanBlobsAreCollectedAndLiveOnesKept() {
    put("live", bytes(BIG, 1));
    put("inline", bytes(10, 1));
    Upload upload = store.createUpload(location, "u", ObjectAttributes.none());
    store.uploadPart(location, "u", upload.uploadId(), 1, 3, new ByteArrayInputStream(new byte[3]));
    String orphan = blobs.orphan(new byte[] {1, 2});
    assertThat(store.collectOrphans()).isEqualTo(1);
    assertThat(blobs.ids()).doesNotContain(orphan).hasSize(2);
  }

  @Test
  void replacedAndDeletedObjectsFreeTheirBlobs() {
    put("k", bytes(BIG, 1));
    put("k", bytes(BIG, 2));
    assertThat(blobs.ids()).hasSize(1);
    store.putTags(location, "k", java.util.Map.of("a", "b"));
    assertThat(blobs.ids()).hasSize(1);
    assertThat(read(store.get(location, "k"))).isEqualTo(bytes(BIG, 2));
    store.delete(location, "k");
    assertThat(blobs.ids()).isEmpty();
  }

  private static final int BIG = (int) CatalogObjectStore.INLINE_MAX + 1;

  @Test
  void smallObjectsStayInlineAndNeverReachTheBlobStore() {
    put("k", bytes((int) CatalogObjectStore.INLINE_MAX, 1));
    assertThat(blobs.ids()).isEmpty();
    put("k", bytes(BIG, 2));
    assertThat(blobs.ids()).hasSize(1);
    put("k", bytes(5, 3));
    assertThat(blobs.ids()).isEmpty();
    assertThat(read(store.get(location, "k", new ByteRange.FromTo(1, 3))))
        .isEqualTo(java.util.Arrays.copyOfRange(bytes(5, 3), 1, 4));
    store.copy(location, "k", location, "c");
    store.delete(location, "k");
    assertThat(blobs.ids()).isEmpty();
    assertThat(read(store.get(location, "c"))).isEqualTo(bytes(5, 3));
  }

  @Test
  void aSourceIoExceptionIsIncompleteBody() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("connection reset");
          }
        };
    assertThatThrownBy(() -> store.put(location, ObjectWrite.of("k", 5), broken))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.INCOMPLETE_BODY));
    assertThat(blobs.ids()).isEmpty();
  }

  @Test
  void aPartReplacedDuringCompletionIsInvalidPart() {
    Upload upload = store.createUpload(location, "c", ObjectAttributes.none());
    PartInfo p =
        store.uploadPart(
            location, "c", upload.uploadId(), 1, 3, new ByteArrayInputStream(new byte[3]));
    StoredObject stale =
        new StoredObject(
            "c",
            3,
            "e-1",
            java.time.Instant.EPOCH,
            ObjectAttributes.none(),
            List.of(new BlobRef("gone", 3)));
    assertThatThrownBy(() -> catalog.completeUpload(location, upload.uploadId(), stale))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.INVALID_PART));
    assertThat(store.listParts(location, "c", upload.uploadId())).containsExactly(p);
  }

  @Test
  void anUnknownLocationIsNoSuchBucketAndATokenMustBeOurs() {
    assertThatThrownBy(() -> store.list("nope", ListRequest.prefix("")))
        .isInstanceOfSatisfying(
            ObjectStoreException.class,
            e -> assertThat(e.error()).isEqualTo(ObjectError.NO_SUCH_BUCKET));
    for (String token : List.of("!!", "Z2gxOnp6", "eA")) {
      assertThatThrownBy(
              () -> store.list(location, ListRequest.prefix("").withContinuationToken(token)))
          .isInstanceOfSatisfying(
              ObjectStoreException.class,
              e -> assertThat(e.error()).isEqualTo(ObjectError.INVALID_ARGUMENT));
    }
    assertThat(store.list(location, ListRequest.prefix("").withMaxKeys(0)).truncated()).isFalse();
  }
}
