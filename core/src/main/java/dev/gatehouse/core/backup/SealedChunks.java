package dev.gatehouse.core.backup;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The body of a backup: the plaintext cut into chunks, each sealed with AES-256-GCM under the key
 * derived from the passphrase. On disk each chunk is its ciphertext length (int) then the
 * ciphertext with its 16-byte tag. The nonce is the chunk index (the key is unique to the file: its
 * salt is random); the associated data is the header, the index and whether the chunk is the last,
 * so an edited, dropped, reordered or truncated chunk, or an edited header, fails authentication
 * (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, 2015).
 */
final class SealedChunks {
  private static final int TAG_BITS = 128;
  private static final int TAG_BYTES = TAG_BITS / 8;

  private SealedChunks() {}

  private static Cipher cipher(int mode, BackupHeader header, long index, boolean last)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    byte[] nonce = ByteBuffer.allocate(12).putInt(0).putLong(index).array();
    cipher.init(mode, header.sealingKey(), new GCMParameterSpec(TAG_BITS, nonce));
    byte[] headerBytes = header.bytes();
    cipher.updateAAD(
        ByteBuffer.allocate(headerBytes.length + 9)
            .put(headerBytes)
            .putLong(index)
            .put((byte) (last ? 1 : 0))
            .array());
    return cipher;
  }

  /** Seals what is written to it; {@link #close} seals the last chunk. */
  static final class Sealing extends OutputStream {
    private final DataOutputStream out;
    private final BackupHeader header;
    private final byte[] buffer;
    private int filled;
    private long index;
    private boolean closed;

    Sealing(OutputStream out, BackupHeader header) throws IOException {
      this.out = new DataOutputStream(out);
      this.header = header;
      this.buffer = new byte[header.chunkSize()];
      this.out.write(header.bytes());
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (filled == buffer.length) {
          // A full chunk is sealed only once more bytes come: the last chunk is known at close.
          seal(false);
        }
        int n = Math.min(len, buffer.length - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
      }
    }

    private void seal(boolean last) throws IOException {
      try {
        byte[] sealed =
            cipher(Cipher.ENCRYPT_MODE, header, index++, last).doFinal(buffer, 0, filled);
        out.writeInt(sealed.length);
        out.write(sealed);
        filled = 0;
      } catch (GeneralSecurityException e) {
        throw new IOException("AES-GCM is not available", e);
      }
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        seal(true);
        out.close();
      }
    }
  }

  /** Opens a sealed body, failing on the first chunk that does not authenticate. */
  static final class Opening extends InputStream {
    private final DataInputStream in;
    private final BackupHeader header;
    private byte[] plain = new byte[0];
    private int position;
    private long index;
    private boolean last;

    Opening(InputStream in, BackupHeader header) {
      this.in = new DataInputStream(new BufferedInputStream(in));
      this.header = header;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (position == plain.length) {
        if (last) {
          return -1;
        }
        next();
      }
      int n = Math.min(len, plain.length - position);
      System.arraycopy(plain, position, b, off, n);
      position += n;
      return n;
    }

    private void next() throws IOException {
      int length;
      try {
        length = in.readInt();
      } catch (EOFException e) {
        throw new BackupException(
            "the backup is truncated: it ends after chunk " + index + " without its last chunk", e);
      }
      if (length < TAG_BYTES || length > header.chunkSize() + TAG_BYTES) {
        throw new BackupException(
            "the backup is damaged: chunk " + index + " has length " + length);
      }
      byte[] sealed = new byte[length];
      try {
        in.readFully(sealed);
      } catch (EOFException e) {
        throw new BackupException("the backup is truncated inside chunk " + index, e);
      }
      plain = open(sealed, peekEnd());
      position = 0;
      index++;
    }

    /** True when no byte follows (the chunk just read should be the last). */
    private boolean peekEnd() throws IOException {
      in.mark(1);
      boolean end = in.read() < 0;
      in.reset();
      return end;
    }

    private byte[] open(byte[] sealed, boolean atEnd) throws IOException {
      try {
        byte[] out = cipher(Cipher.DECRYPT_MODE, header, index, atEnd).doFinal(sealed);
        last = atEnd;
        return out;
      } catch (AEADBadTagException e) {
        if (atEnd) {
          // Either the file was cut at a chunk boundary, or the last chunk was altered.
          throw new BackupException(
              "the backup is truncated or damaged: chunk " + index + " does not authenticate", e);
        }
        throw new BackupException(
            "the backup is damaged: chunk " + index + " does not authenticate (altered bytes)", e);
      } catch (GeneralSecurityException e) {
        throw new IOException("AES-GCM is not available", e);
      }
    }
  }
}
