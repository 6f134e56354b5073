package dev.gatehouse.cli;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * {@code length} pseudo-random bytes made as they are read (never held whole): one random 64 KiB
 * block, each copy stamped with its block number so that no two blocks are alike. The SHA-256 of
 * what was read is computed on the way.
 */
final class GeneratedStream extends InputStream {
  private static final int BLOCK = 64 * 1024;

  private final byte[] block = new byte[BLOCK];
  private final long length;
  private final MessageDigest sha256;
  private long position;

  GeneratedStream(long length, long seed) {
    this.length = length;
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < BLOCK; i += 8) {
      long v = random.nextLong();
      for (int j = 0; j < 8; j++) {
        block[i + j] = (byte) (v >>> (8 * j));
      }
    }
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The byte at {@code at} of the stream. */
  private byte at(long at) {
    int offset = (int) (at % BLOCK);
    if (offset < 8) {
      return (byte) ((at / BLOCK) >>> (8 * offset));
    }
    return block[offset];
  }

  @Override
  public int read() {
    if (position >= length) {
      return -1;
    }
    byte b = at(position++);
    sha256.update(b);
    return b & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int len) {
    if (position >= length) {
      return -1;
    }
    int n = (int) Math.min(len, length - position);
    int done = 0;
    while (done < n) {
      int inBlock = (int) (position % BLOCK);
      int run = Math.min(n - done, BLOCK - inBlock);
      System.arraycopy(block, inBlock, buffer, offset + done, run);
      for (int i = 0; i < run && inBlock + i < 8; i++) {
        buffer[offset + done + i] = at(position + i);
      }
      position += run;
      done += run;
    }
    sha256.update(buffer, offset, n);
    return n;
  }

  /** How many bytes were read. */
  long position() {
    return position;
  }

  /** The SHA-256 of the bytes read so far, in hex (once: the digest starts again after it). */
  String sha256Hex() {
    return HexFormat.of().formatHex(sha256.digest());
  }
}
