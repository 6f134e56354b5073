package dev.gatehouse.objects;

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

  static BlobSource of(byte[] bytes) {
    return new BlobSource() {
      @Override
      public long size() {
        return bytes.length;
      }

      @Override
      public boolean readFully(ByteBuffer b, long position) {
        if (position + b.remaining() > bytes.length) {
          return false;
        }
        b.put(bytes, (int) position, b.remaining());
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
