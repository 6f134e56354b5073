package dev.gatehouse.core.store;

/**
 * Reads of the store port: milestones, one-time upgrades of the stored data that are done (such as
 * every stored trust policy's principals resolved), so that a start need not look for that work
 * again.
 */
public interface MilestoneReads {
  /** Whether {@code milestone} was recorded as reached. */
  boolean reached(String milestone);
}
