package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.InstanceProfile;
import dev.gatehouse.core.domain.Role;
import dev.gatehouse.core.domain.Tag;
import java.util.List;

/**
 * An instance profile as the IAM API shows it: with its roles, and with its tags where AWS shows
 * them (CreateInstanceProfile, GetInstanceProfile; the list actions leave them out).
 */
public record InstanceProfileView(InstanceProfile profile, List<Role> roles, List<Tag> tags) {
  public InstanceProfileView {
    roles = List.copyOf(roles);
    tags = List.copyOf(tags);
  }
}
