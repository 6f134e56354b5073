package dev.gatehouse.objects;

import dev.gatehouse.core.objects.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The plaintext of a span of a blob's segments, a batch of segments in memory at a time, plus, for
 * a file, the next batch being read and decrypted on a helper thread while this one is consumed
 * (the reader writes the response meanwhile). Memory: two batches whatever the size.
 */
final class DecryptingStream extends InputStream {
  private final SegmentReader reader;
  private final long lastSegment;
  private Batch current;
  private Batch spare;
  private Future<Batch> next;
  private long nextSegment;
  private int pos;
  private long remaining;

  /** Room for a batch: its sealed bytes and its plaintext. */
  private static final class Batch {
    final byte[] sealed;
    final byte[] plain;
    int length;

    /**
     * Room for {@code segments} segments of a blob holding {@code sealedBytes}: a small blob's
     * batch is its size, not a whole segment's (a 4 KiB object would allocate and zero 128 KiB).
     */
    Batch(int segments, long sealedBytes) {
      sealed =
          new byte
              [(int)
                  Math.min(
                      (long) segments * (BlobSegments.SEGMENT + BlobSegments.TAG), sealedBytes)];
      // Each segment's tag is not plaintext: a one-segment blob's batch is exactly its plaintext.
      plain =
          new byte
              [(int)
                  Math.min(
                      (long) segments * BlobSegments.SEGMENT,
                      Math.max(0, sealedBytes - BlobSegments.TAG))];
    }
  }

  DecryptingStream(
      SegmentReader reader, long firstSegment, long lastSegment, long offset, long length)
      throws IOException {
    this.reader = reader;
    this.lastSegment = lastSegment;
    int segments = (int) Math.min(BlobSegments.PER_BATCH, lastSegment - firstSegment + 1);
    this.current = new Batch(segments, reader.sealedBytes());
    this.nextSegment = firstSegment;
    fetch(current);
    this.pos = (int) (offset - firstSegment * BlobSegments.SEGMENT);
    this.remaining = length;
    if (reader.source.slow() && nextSegment <= lastSegment) {
      spare = new Batch(segments, reader.sealedBytes());
      readAhead();
    }
  }

  /** Decrypts the batch from {@link #nextSegment} into {@code b}, on the calling thread. */
  private Batch fetch(Batch b) throws IOException {
    long first = nextSegment;
    long last = Math.min(lastSegment, first + BlobSegments.PER_BATCH - 1);
    nextSegment = last + 1;
    return open(b, first, last);
  }

  private Batch open(Batch b, long first, long last) throws IOException {
    b.length = reader.open(first, last, b.sealed, b.plain);
    return b;
  }

  /** Starts decrypting the batch from {@link #nextSegment} into {@link #spare} on a helper. */
  private void readAhead() {
    Batch b = spare;
    spare = null;
    long first = nextSegment;
    long last = Math.min(lastSegment, first + BlobSegments.PER_BATCH - 1);
    nextSegment = last + 1;
    next = SealingWriter.SEALERS.submit(() -> open(b, first, last));
  }

  /** Makes {@link #current} hold unread bytes; {@code false} at the end of the span. */
  private boolean advance() throws IOException {
    if (remaining == 0) {
      return false;
    }
    if (pos < current.length) {
      return true;
    }
    if (next == null && nextSegment > lastSegment) {
      throw reader.tampered("a segment is shorter than its place says", null);
    }
    Batch done = current;
    if (next != null) {
      current = take();
      spare = done;
      if (nextSegment <= lastSegment) {
        readAhead();
      }
    } else {
      current = fetch(done);
    }
    pos = 0;
    return true;
  }

  private Batch take() throws IOException {
    Future<Batch> f = next;
    next = null;
    try {
      return Uninterruptibly.get(f);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof ObjectStoreException o) {
        throw o;
      }
      throw ObjectStoreException.internal("cannot read blob " + reader.id, cause);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!advance()) {
      return -1;
    }
    int n = (int) Math.min(Math.min(len, current.length - pos), remaining);
    System.arraycopy(current.plain, pos, b, off, n);
    pos += n;
    remaining -= n;
    return n;
  }

  /**
   * All of a span held in one batch, asked for whole (a small object written in one piece): the
   * batch's plaintext array itself, which this stream then no longer uses, instead of a copy. Only
   * before the first read ({@code pos} is 0 then and never again) and when the first batch's array
   * is exactly as long as the span: a span going on past that batch is longer than its array (the
   * batch's segments are all whole then), so the array then holds the span and nothing else.
   */
  @Override
  public byte[] readNBytes(int len) throws IOException {
    if (len >= remaining && pos == 0 && current.plain.length == remaining) {
      byte[] whole = current.plain;
      current = new Batch(0, 0);
      remaining = 0;
      return whole;
    }
    return super.readNBytes(len);
  }

  /** Writes the rest of the span a batch at a time, from the decrypted batches themselves. */
  @Override
  public long transferTo(OutputStream out) throws IOException {
    long sent = 0;
    while (advance()) {
      int n = (int) Math.min(current.length - pos, remaining);
      out.write(current.plain, pos, n);
      pos += n;
      remaining -= n;
      sent += n;
    }
    return sent;
  }

  @Override
  public void close() throws IOException {
    if (next != null) {
      // The helper finishes its batch before the file closes under it; its result is dropped.
      try {
        take();
      } catch (IOException | RuntimeException e) {
        // Closing: what was not read does not matter.
      }
    }
    reader.source.close();
  }
}
