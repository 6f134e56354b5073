package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.InlinePolicy;

/**
 * Writes of the store port: Inline policies of users, groups and roles, by owner id. Persistence
 * only (see {@link WriteTransaction}).
 */
public interface InlinePolicyWrites extends InlinePolicyReads {
  /** Adds or replaces an inline policy by name (case-insensitive). */
  void putInlinePolicy(InlinePolicy policy);

  /** Returns false when there was no such policy. */
  boolean deleteInlinePolicy(String ownerId, String name);
}
