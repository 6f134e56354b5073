package dev.gatehouse.sigv4;

import java.util.Objects;

/**
 * What a client signs with: access key id, secret and, for temporary credentials, the session token
 * (empty for long-term keys). Neither the secret nor the token appears in {@code toString}.
 */
public record SigningCredentials(String accessKeyId, SecretAccessKey secret, String sessionToken) {
  public SigningCredentials {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(sessionToken, "sessionToken");
  }

  /** Long-term credentials (no session token). */
  public static SigningCredentials of(String accessKeyId, String secret) {
    return new SigningCredentials(accessKeyId, new SecretAccessKey(secret), "");
  }

  /** Temporary credentials. */
  public static SigningCredentials temporary(String accessKeyId, String secret, String token) {
    return new SigningCredentials(accessKeyId, new SecretAccessKey(secret), token);
  }

  /** Whether these are temporary credentials. */
  public boolean hasSessionToken() {
    return !sessionToken.isEmpty();
  }

  @Override
  public String toString() {
    return "SigningCredentials[accessKeyId="
        + accessKeyId
        + ", secret=****, sessionToken="
        + (hasSessionToken() ? "****" : "none")
        + "]";
  }
}
