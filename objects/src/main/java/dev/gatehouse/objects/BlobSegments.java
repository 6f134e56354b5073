package dev.gatehouse.objects;

import dev.gatehouse.core.crypto.GcmCiphers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The sealing of a blob's segments (see {@link FileBlobStore}): each {@value #SEGMENT} byte segment
 * of plaintext under the blob's data key with AES-GCM, the nonce its index, the associated data the
 * blob id, the index and whether it is the last segment. A batch is a run of whole segments sealed
 * or opened in one call, the unit the store hands between threads and to the file system.
 *
 * <p>Each call takes this thread's segment cipher and finishes with it before returning. It is not
 * the key ring's ({@link GcmCiphers}), which opens and seals the data keys under the master key:
 * with one cipher for both, every blob read or written expanded the master key's AES schedule again
 * (the JDK keeps the schedule of the last key a cipher saw), a third of the cost of opening a small
 * object's data key.
 */
final class BlobSegments {
  static final int SEGMENT = 64 * 1024;
  static final int TAG = 16;

  /** Segments per batch: 256 KiB of plaintext, below a small heap's humongous-object threshold. */
  static final int PER_BATCH = 4;

  static final int BATCH = PER_BATCH * SEGMENT;
  static final int SEALED_BATCH = PER_BATCH * (SEGMENT + TAG);

  private static final ThreadLocal<Cipher> CIPHERS = GcmCiphers.perThread();

  private BlobSegments() {}

  /** This thread's cipher for segments, to be initialised before each use (as GcmCiphers'). */
  static Cipher cipher() {
    return CIPHERS.get();
  }

  /**
   * Seals {@code len} bytes of {@code plain} as the segments from {@code first} on into {@code
   * sealed}, returning the bytes written; {@code last}: the run ends the blob (its final segment is
   * sealed as the last one). An empty run is one empty segment.
   */
  static int seal(
      String id,
      SecretKey key,
      long first,
      byte[] plain,
      int len,
      boolean last,
      byte[] sealed,
      int sealedOff)
      throws GeneralSecurityException {
    int out = sealedOff;
    int off = 0;
    long index = first;
    do {
      int n = Math.min(SEGMENT, len - off);
      boolean isLast = last && off + n == len;
      Cipher cipher = cipher();
      cipher.init(Cipher.ENCRYPT_MODE, key, nonce(index));
      cipher.updateAAD(aad(id, index, isLast));
      out += cipher.doFinal(plain, off, n, sealed, out);
      off += n;
      index++;
    } while (off < len);
    return out - sealedOff;
  }

  /**
   * Opens one sealed segment ({@code len} bytes of {@code sealed}, tag included) into {@code
   * plain}, returning the plaintext's length.
   */
  static int open(
      String id,
      SecretKey key,
      long index,
      boolean last,
      byte[] sealed,
      int sealedOff,
      int len,
      byte[] plain,
      int plainOff)
      throws GeneralSecurityException {
    Cipher cipher = cipher();
    cipher.init(Cipher.DECRYPT_MODE, key, nonce(index));
    cipher.updateAAD(aad(id, index, last));
    return cipher.doFinal(sealed, sealedOff, len, plain, plainOff);
  }

  private static GCMParameterSpec nonce(long index) {
    return new GCMParameterSpec(TAG * 8, ByteBuffer.allocate(12).putInt(0).putLong(index).array());
  }

  private static byte[] aad(String id, long index, boolean last) {
    return ("gatehouse/blob/v1/" + id + "/" + index + "/" + (last ? "last" : "more"))
        .getBytes(StandardCharsets.US_ASCII);
  }
}
