package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.Tag;
import dev.gatehouse.core.domain.User;
import java.util.List;

/** GetUser's answer: the user and its tags. */
public record TaggedUser(User user, List<Tag> tags) {
  public TaggedUser {
    tags = List.copyOf(tags);
  }
}
