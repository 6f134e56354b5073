package dev.gatehouse.objects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.core.crypto.KeyRing;
import dev.gatehouse.core.objects.BlobRef;
import dev.gatehouse.core.objects.ObjectStoreContract;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code readNBytes} of a decrypting stream: a whole small blob is handed over as the array it was
 * decrypted into; any other span (a prefix, from an offset, short of the end, several batches) is
 * read as InputStream reads it, and the stream ends after what it handed over.
 */
class WholeReadTest {
  private final SecureRandom random = new SecureRandom();
  @TempDir Path dir;

  private FileBlobStore store() {
    return FileBlobStore.open(dir, KeyRing.of(List.of(new byte[32]), random), random);
  }

  private static BlobRef sealed(FileBlobStore store, byte[] body) {
    return store.seal(new ByteArrayInputStream(body), body.length);
  }

  @Test
  void aWholeInlineBlobIsReadAtOnceAndTheStreamEnds() throws IOException {
    FileBlobStore store = store();
    for (int size : new int[] {1, 4096, BlobSegments.SEGMENT}) {
      byte[] body = ObjectStoreContract.bytes(size, size);
      BlobRef blob = sealed(store, body);
      try (InputStream in = store.read(blob, 0, size)) {
        assertThat(in.readNBytes(size)).isEqualTo(body);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.readNBytes(size)).isEmpty();
      }
      try (InputStream in = store.read(blob, 0, size)) {
        assertThat(in.readNBytes(size + 10)).as("asked for more").isEqualTo(body);
      }
    }
  }

  @Test
  void aPrefixLeavesTheRestToRead() throws IOException {
    FileBlobStore store = store();
    byte[] body = ObjectStoreContract.bytes(4096, 7);
    try (InputStream in = store.read(sealed(store, body), 0, body.length)) {
      assertThat(in.readNBytes(100)).isEqualTo(Arrays.copyOf(body, 100));
      assertThat(in.readNBytes(4096)).isEqualTo(Arrays.copyOfRange(body, 100, 4096));
    }
  }

  @Test
  void spansThatAreNotTheWholeBatchAreCopies() throws IOException {
    FileBlobStore store = store();
    byte[] body = ObjectStoreContract.bytes(4096, 11);
    BlobRef blob = sealed(store, body);
    try (InputStream in = store.read(blob, 10, 4086)) {
      assertThat(in.readNBytes(4086)).isEqualTo(Arrays.copyOfRange(body, 10, 4096));
    }
    try (InputStream in = store.read(blob, 0, 4000)) {
      assertThat(in.readNBytes(4000)).isEqualTo(Arrays.copyOf(body, 4000));
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void blobsOfSeveralSegmentsAndBatchesReadWhole() throws IOException {
    FileBlobStore store = store();
    for (int size :
        new int[] {BlobSegments.SEGMENT + 1, BlobSegments.BATCH, BlobSegments.BATCH + 100}) {
      byte[] body = ObjectStoreContract.bytes(size, size);
      String id = store.write(new ByteArrayInputStream(body));
      try (InputStream in = store.read(id, 0, size)) {
        assertThat(in.readNBytes(size)).as("size %d", size).isEqualTo(body);
        assertThat(in.read()).isEqualTo(-1);
      }
      int batch = BlobSegments.BATCH;
      if (size >= batch + 10) {
        // Five segments from an offset: the first batch's array is as long as the span.
        try (InputStream in = store.read(id, 10, batch)) {
          assertThat(in.readNBytes(batch)).isEqualTo(Arrays.copyOfRange(body, 10, 10 + batch));
        }
      }
      try (InputStream in = store.read(id, 0, BlobSegments.SEGMENT)) {
        assertThat(in.readNBytes(BlobSegments.SEGMENT))
            .isEqualTo(Arrays.copyOf(body, BlobSegments.SEGMENT));
      }
    }
  }
}
