package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKey;
import java.util.Objects;

/** An entry of ListAccessKeys: the key's metadata and its user's name (empty for root). */
public record AccessKeyView(AccessKey key, String userName) {
  public AccessKeyView {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(userName, "userName");
  }
}
