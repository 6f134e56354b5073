package dev.gatehouse.core.iam;

import dev.gatehouse.core.domain.AccessKeyStatus;
import dev.gatehouse.core.domain.Arns;
import dev.gatehouse.core.domain.User;
import java.util.Objects;

/**
 * What SigV4 authentication needs about an access key: its account, principal, status and the
 * decrypted secret. {@link #toString} never prints the secret.
 */
public record ResolvedKey(
    String accessKeyId,
    String accountId,
    KeyPrincipal principal,
    AccessKeyStatus status,
    String secretAccessKey) {
  public ResolvedKey {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
  }

  public boolean isActive() {
    return status == AccessKeyStatus.ACTIVE;
  }

  @Override
  public String toString() {
    return "ResolvedKey[" + accessKeyId + ", " + principal + ", " + status + "]";
  }

  /** The principal a long-term key signs as. */
  public sealed interface KeyPrincipal {
    String arn();

    /** The account root user. */
    record Root(String accountId) implements KeyPrincipal {
      @Override
      public String arn() {
        return Arns.root(accountId);
      }
    }

    /** An IAM user. */
    record IamUser(User user) implements KeyPrincipal {
      @Override
      public String arn() {
        return user.arn();
      }
    }
  }
}
