package dev.gatehouse.objects;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;

/**
 * Writes a blob's sealed segments to its file in two stages: the caller's thread reads the body
 * (which hashes it: the MD5 of the ETag runs at a third of AES-GCM's speed) a batch at a time, and
 * a helper thread seals the batch read before and writes it at its place in the file. At most one
 * batch is being sealed, one is held until the next read tells whether it is the last, and one is
 * being read: memory is three batches whatever the size. A body that fits one batch is sealed on
 * the caller's thread (no hand-off for it).
 *
 * <p>The caller's thread waits for the helper's batch before it hands over the next one and before
 * it returns or throws, so nothing writes to the file once {@link #write} has returned.
 */
final class SealingWriter {
  /** The helpers: daemon threads, made as needed and ended after a minute idle. */
  static final ExecutorService SEALERS =
      Executors.newCachedThreadPool(
          new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "gatehouse-blob-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });

  private final String id;
  private final SecretKey key;
  private final FileChannel ch;
  private final long dataStart;

  /** A batch's plaintext and the room for its sealed bytes. */
  private static final class Batch {
    final byte[] plain = new byte[BlobSegments.BATCH];
    final byte[] sealed = new byte[BlobSegments.SEALED_BATCH];
    int length;
  }

  /**
   * @param dataStart where the first segment goes (the header is before it)
   */
  SealingWriter(String id, SecretKey key, FileChannel ch, long dataStart) {
    this.id = id;
    this.key = key;
    this.ch = ch;
    this.dataStart = dataStart;
  }

  /** Seals and writes everything {@code body} yields; a failure of the body propagates as is. */
  void write(InputStream body) throws IOException, GeneralSecurityException {
    Batch current = new Batch();
    current.length = fill(body, current.plain);
    if (current.length < BlobSegments.BATCH) {
      seal(current, 0, true);
      return;
    }
    Batch reading = new Batch();
    Batch spare = new Batch();
    Future<?> sealing = null;
    long index = 0;
    try {
      while (true) {
        reading.length = fill(body, reading.plain);
        boolean last = reading.length == 0;
        if (sealing != null) {
          await(sealing);
          sealing = null;
        }
        Batch handed = current;
        long at = index;
        sealing = SEALERS.submit(() -> seal(handed, at, last));
        if (last) {
          break;
        }
        index += BlobSegments.PER_BATCH;
        if (reading.length < BlobSegments.BATCH) {
          // The body ended inside this batch: it is the last, sealed here meanwhile.
          seal(reading, index, true);
          break;
        }
        current = reading;
        reading = spare;
        spare = handed;
      }
      Future<?> done = sealing;
      sealing = null;
      await(done);
    } finally {
      if (sealing != null) {
        // The body failed: the helper finishes its batch before the caller deletes the file.
        awaitQuietly(sealing);
      }
    }
  }

  /** Seals a batch and writes it where its segments go. */
  private Void seal(Batch b, long first, boolean last)
      throws IOException, GeneralSecurityException {
    int len = BlobSegments.seal(id, key, first, b.plain, b.length, last, b.sealed, 0);
    ByteBuffer out = ByteBuffer.wrap(b.sealed, 0, len);
    long position = dataStart + first * (BlobSegments.SEGMENT + BlobSegments.TAG);
    while (out.hasRemaining()) {
      position += ch.write(out, position);
    }
    return null;
  }

  private static void await(Future<?> f) throws IOException {
    try {
      Uninterruptibly.get(f);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException("sealing a batch failed", cause); // AES-GCM refused, or an Error
    }
  }

  private static void awaitQuietly(Future<?> f) {
    try {
      Uninterruptibly.get(f);
    } catch (ExecutionException e) {
      // The caller is failing already; the helper's failure adds nothing.
    }
  }

  static int fill(InputStream in, byte[] buffer) throws IOException {
    int n = 0;
    while (n < buffer.length) {
      int r = in.read(buffer, n, buffer.length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return n;
  }
}
