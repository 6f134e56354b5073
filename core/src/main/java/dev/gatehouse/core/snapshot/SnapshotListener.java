package dev.gatehouse.core.snapshot;

/**
 * Told of every snapshot {@link Snapshots} builds: the port through which the server counts and
 * times rebuilds (its metrics) without the core knowing how they are reported.
 */
@FunctionalInterface
public interface SnapshotListener {
  /** How a snapshot was made. */
  enum Kind {
    /** Read from the whole account. */
    FULL,
    /** The previous snapshot with the reported changes applied. */
    DELTA,
    /** The previous snapshot with the roles' last use read again. */
    LAST_USE
  }

  /**
   * A snapshot was built.
   *
   * @param nanos how long the build took, store reads included
   */
  void built(Kind kind, long nanos);

  /** Tells no one. */
  SnapshotListener NONE = (kind, nanos) -> {};
}
