package dev.gatehouse.core.store;

import java.time.Instant;

/** Writes of the store port: milestones. Persistence only (see {@link WriteTransaction}). */
public interface MilestoneWrites extends MilestoneReads {
  /**
   * Records {@code milestone} as reached at {@code at}; recording it again (by this node or another
   * sharing the store, at once or later) keeps the first record.
   */
  void reach(String milestone, Instant at);
}
