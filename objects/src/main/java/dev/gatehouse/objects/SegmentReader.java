package dev.gatehouse.objects;

import dev.gatehouse.core.crypto.CryptoException;
import dev.gatehouse.core.objects.ObjectStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.SecretKey;

/** Decrypts the segments of one blob on demand, a batch of consecutive segments per read. */
final class SegmentReader {
  private static final int STORED = BlobSegments.SEGMENT + BlobSegments.TAG;

  final String id;
  final BlobSource source;
  private final SecretKey dataKey;
  private final long dataStart;
  private final long segments;
  private final long fileSize;

  SegmentReader(String id, BlobSource source, OpenedKeys keys) throws IOException {
    this.id = id;
    this.source = source;
    this.fileSize = source.size();
    ByteBuffer fixed = ByteBuffer.wrap(readAt(0, FileBlobStore.MAGIC.length + 4 + 2));
    byte[] magic = new byte[FileBlobStore.MAGIC.length];
    fixed.get(magic);
    int segment = fixed.getInt();
    int keyLength = fixed.getShort() & 0xffff;
    if (!Arrays.equals(magic, FileBlobStore.MAGIC) || segment != BlobSegments.SEGMENT) {
      throw tampered("its header is not a Gatehouse blob header", null);
    }
    byte[] sealed = readAt(FileBlobStore.MAGIC.length + 6, keyLength);
    try {
      this.dataKey = keys.open(id, new String(sealed, StandardCharsets.US_ASCII));
    } catch (CryptoException e) {
      throw tampered("its data key does not open", e);
    }
    this.dataStart = FileBlobStore.MAGIC.length + 6L + keyLength;
    long body = fileSize - dataStart;
    this.segments = Math.max(1, (body + STORED - 1) / STORED);
  }

  /** The sealed segments' bytes (tags included): no batch of them needs more room. */
  long sealedBytes() {
    return Math.max(0, fileSize - dataStart);
  }

  ObjectStoreException tampered(String what, Throwable cause) {
    return ObjectStoreException.internal(
        "blob " + id + " failed authentication (tampered or truncated): " + what, cause);
  }

  private byte[] readAt(long position, int length) throws IOException {
    byte[] bytes = new byte[length];
    readAt(position, bytes, length);
    return bytes;
  }

  private void readAt(long position, byte[] into, int length) throws IOException {
    if (position + length > fileSize
        || !source.readFully(ByteBuffer.wrap(into, 0, length), position)) {
      throw tampered("the file ends early", null);
    }
  }

  /**
   * Opens segments {@code first} to {@code last} (at most {@link BlobSegments#PER_BATCH}) into
   * {@code plain}, reading their sealed bytes into {@code sealed}; returns the plaintext's length.
   */
  int open(long first, long last, byte[] sealed, byte[] plain) throws IOException {
    long start = dataStart + first * STORED;
    int stored = (int) Math.min((last - first + 1) * STORED, fileSize - start);
    int lastStored = stored - (int) (last - first) * STORED;
    if (lastStored < BlobSegments.TAG) {
      throw tampered("segment " + last + " is missing", null);
    }
    readAt(start, sealed, stored);
    int out = 0;
    for (long index = first; index <= last; index++) {
      int at = (int) (index - first) * STORED;
      try {
        out +=
            BlobSegments.open(
                id,
                dataKey,
                index,
                index == segments - 1,
                sealed,
                at,
                Math.min(STORED, stored - at),
                plain,
                out);
      } catch (GeneralSecurityException e) {
        throw tampered("segment " + index + " does not authenticate", e);
      }
    }
    return out;
  }

  /**
   * The plaintext from {@code offset}, {@code length} bytes; the first batch is decrypted now, so a
   * tampered blob fails before any byte is served.
   */
  InputStream stream(long offset, long length) throws IOException {
    if (length == 0) {
      source.close();
      return InputStream.nullInputStream();
    }
    long firstSegment = offset / BlobSegments.SEGMENT;
    long lastSegment = (offset + length - 1) / BlobSegments.SEGMENT;
    if (lastSegment >= segments) {
      throw tampered("it holds fewer bytes than its record says", null);
    }
    return new DecryptingStream(this, firstSegment, lastSegment, offset, length);
  }
}
