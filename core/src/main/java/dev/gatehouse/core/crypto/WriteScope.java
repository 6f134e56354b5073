package dev.gatehouse.core.crypto;

/**
 * A write in progress on a {@link KeyRing} (see {@link KeyRing#writing()}): opened before the write
 * seals anything, closed by the same thread once what it sealed is stored.
 */
public final class WriteScope implements AutoCloseable {
  private final WriteScopes owner;
  final WriteScope outer;

  WriteScope(WriteScopes owner, WriteScope outer) {
    this.owner = owner;
    this.outer = outer;
  }

  @Override
  public void close() {
    owner.close(this);
  }
}
