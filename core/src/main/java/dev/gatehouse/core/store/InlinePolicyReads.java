package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.InlinePolicy;
import java.util.List;
import java.util.Optional;

/** Reads of the store port: Inline policies of users, groups and roles, by owner id. */
public interface InlinePolicyReads {
  Optional<InlinePolicy> inlinePolicy(String ownerId, String name);

  List<InlinePolicy> inlinePolicies(String ownerId);
}
