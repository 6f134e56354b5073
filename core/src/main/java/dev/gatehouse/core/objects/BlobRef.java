package dev.gatehouse.core.objects;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A stored run of bytes of an object, by the id its {@link BlobStore} gave it: either a blob the
 * store holds, or (a small object) a blob sealed by the store but kept {@code inline} in the
 * catalog record, so that the catalog commit alone makes it durable.
 */
public record BlobRef(String id, long size, Inline inline) {
  public BlobRef {
    Objects.requireNonNull(id, "id");
  }

  /** A blob the {@link BlobStore} holds. */
  public BlobRef(String id, long size) {
    this(id, size, null);
  }

  public boolean isInline() {
    return inline != null;
  }

  /** The sealed (encrypted and authenticated) bytes of an inline blob; a copy in and out. */
  public static final class Inline {
    private final byte[] sealed;

    public Inline(byte[] sealed) {
      this.sealed = sealed.clone();
    }

    public byte[] sealed() {
      return sealed.clone();
    }

    /** The sealed bytes, read-only and not copied: a read of the object needs no copy of them. */
    public ByteBuffer view() {
      return ByteBuffer.wrap(sealed).asReadOnlyBuffer();
    }

    public int length() {
      return sealed.length;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Inline other && Arrays.equals(sealed, other.sealed);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(sealed);
    }

    @Override
    public String toString() {
      return "Inline[" + sealed.length + " sealed bytes]";
    }
  }
}
