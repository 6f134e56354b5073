package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.InlinePolicy;
import java.util.List;

/**
 * The policies of a user, group or role itself (not those of a user's groups), in no particular
 * order: its inline policies as stored, and the ARNs of the managed policies attached to it.
 */
public record EntityPolicies(List<InlinePolicy> inline, List<String> attached) {
  public EntityPolicies {
    inline = List.copyOf(inline);
    attached = List.copyOf(attached);
  }
}
