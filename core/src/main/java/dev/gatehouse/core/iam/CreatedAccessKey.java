package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKey;
import java.util.Objects;

/**
 * CreateAccessKey's answer: the only time the secret is shown. {@code userName} is empty for a root
 * key. {@link #toString} never prints the secret.
 */
public record CreatedAccessKey(AccessKey key, String userName, String secretAccessKey) {
  public CreatedAccessKey {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
  }

  @Override
  public String toString() {
    return "CreatedAccessKey[" + key + ", userName=" + userName + ", secretAccessKey=<redacted>]";
  }
}
