package dev.gatehouse.api;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.iam.ResolvedKey;
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

    /** The credential of a key resolved from the store. */
    public static Credential of(ResolvedKey key) {
      Principal principal =
          key.principal() instanceof ResolvedKey.KeyPrincipal.IamUser u
              ? new Principal.User(key.accountId(), u.user().name(), u.user().path(), u.user().id())
              : new Principal.Root(key.accountId());
      return new Credential(principal, key.secretAccessKey(), key.isActive());
    }

    @Override
    public String toString() {
      return "Credential[principal=" + principal.arn() + ", active=" + active + "]";
    }
  }
}
