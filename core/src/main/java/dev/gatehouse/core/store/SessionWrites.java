package dev.gatehouse.core.store;

import dev.gatehouse.core.sts.SessionRevocation;
import java.time.Instant;

/**
 * Writes of the store port: STS session revocations. Persistence only (see {@link
 * WriteTransaction}).
 */
public interface SessionWrites extends SessionReads {
  /** Adds a revocation; one already stored for the same kind and id keeps the later time. */
  void putSessionRevocation(SessionRevocation revocation);

  /** Deletes the revocations made at or before {@code oldest}; returns how many. */
  int pruneSessionRevocations(Instant oldest);
}
