package dev.gatehouse.objects;

import dev.gatehouse.core.objects.BlobRef;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** The sealed bytes of one blob: a file, or a catalog record's inline bytes. */
interface BlobSource extends Closeable {
  long size() throws IOException;

  /** Fills {@code b} from {@code position}; {@code false} when the bytes end first. */
  boolean readFully(ByteBuffer b, long position) throws IOException;

  /** Whether reading ahead on another thread pays (a file's reads wait for the disk). */
  boolean slow();

  static BlobSource of(FileChannel ch) {
    return new BlobSource() {
      @Override
      public long size() throws IOException {
        return ch.size();
      }

      @Override
      public boolean readFully(ByteBuffer b, long position) throws IOException {
        while (b.hasRemaining()) {
          if (ch.read(b, position + b.position()) < 0) {
            return false;
          }
        }
        return true;
      }

      @Override
      public boolean slow() {
        return true;
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  /** Bytes in memory (an inline blob's sealed bytes, {@link BlobRef.Inline#view}), not copied. */
  static BlobSource of(ByteBuffer bytes) {
    return new BlobSource() {
      @Override
      public long size() {
        return bytes.remaining();
      }

      @Override
      public boolean readFully(ByteBuffer b, long position) {
        if (position + b.remaining() > bytes.remaining()) {
          return false;
        }
        int from = bytes.position() + (int) position;
        b.put(bytes.slice(from, b.remaining()));
        return true;
      }

      @Override
      public boolean slow() {
        return false;
      }

      @Override
      public void close() {}
    };
  }
}
