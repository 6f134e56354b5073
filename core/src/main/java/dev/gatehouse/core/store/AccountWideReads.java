package dev.gatehouse.core.store;

import dev.gatehouse.core.domain.Group;
import dev.gatehouse.core.domain.InlinePolicy;
import dev.gatehouse.core.domain.Tag;
import java.util.List;
import java.util.Map;

/**
 * What a snapshot's build reads of a whole account at once: each answer is what the groups' reads
 * give entity by entity, keyed by entity id; entities without any are absent.
 */
public interface AccountWideReads {
  /** The inline policies of the account's users, groups and roles by owner id, ordered by name. */
  Map<String, List<InlinePolicy>> inlinePoliciesByOwner(String accountId);

  /** The managed policy ARNs attached to the account's users, groups and roles by entity id. */
  Map<String, List<String>> attachedPoliciesByEntity(String accountId);

  /** The tags of the account's users, roles and instance profiles by entity id. */
  Map<String, List<Tag>> tagsByEntity(String accountId);

  /** The groups of each of the account's users by user id. */
  Map<String, List<Group>> groupsByUser(String accountId);

  /** The document of the default version of each of the account's customer managed policies. */
  Map<String, String> defaultPolicyDocuments(String accountId);
}
