package dev.gatehouse.server;

import dev.gatehouse.core.authz.Principal;
import java.util.Objects;
import java.util.Optional;

/** Access-key lookup for authentication: key id to principal and secret. */
@FunctionalInterface
public interface Credentials {
  /** The active or inactive key with this id, if it exists. */
  Optional<Credential> find(String accessKeyId);

  /**
   * A long-term access key.
   *
   * @param secret the decrypted secret access key; never logged, never in toString
   */
  record Credential(Principal principal, String secret, boolean active) {
    public Credential {
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "Credential[principal=" + principal.arn() + ", active=" + active + "]";
    }
  }
}
