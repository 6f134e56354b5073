package dev.gatehouse.sigv4;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a request claims about its signature, read by {@link SigV4#parse} before any secret is
 * known. The server looks up {@link #accessKeyId()} (and, for temporary credentials, unseals {@link
 * #sessionToken()}) to find the secret, then calls {@link SigV4Verifier#verify}.
 *
 * @param accessKeyId the access key id from the credential
 * @param scope the credential scope as received (checked only by the verifier)
 * @param signedHeaders the lower-case signed header names in the order the signer listed them
 * @param signature the signature as received
 * @param amzDate the request time in ISO 8601 basic format, as used in the string to sign
 * @param requestTime the same time as an instant
 * @param sessionToken the {@code X-Amz-Security-Token}, or empty when the request carries none
 * @param sessionTokenSigned whether the session token is covered by the signature (always true for
 *     presigned requests, where it is a canonical query parameter)
 * @param mode header or presigned (with its expiry)
 */
public record ParsedAuthorization(
    String accessKeyId,
    CredentialScope scope,
    List<String> signedHeaders,
    String signature,
    String amzDate,
    Instant requestTime,
    String sessionToken,
    boolean sessionTokenSigned,
    AuthorizationMode mode) {

  public ParsedAuthorization {
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(scope, "scope");
    signedHeaders = List.copyOf(signedHeaders);
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(amzDate, "amzDate");
    Objects.requireNonNull(requestTime, "requestTime");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(mode, "mode");
  }

  /** Whether the request carries a session token (temporary credentials). */
  public boolean hasSessionToken() {
    return !sessionToken.isEmpty();
  }

  /** Whether this is a presigned (query string) request. */
  public boolean presigned() {
    return mode instanceof AuthorizationMode.Presigned;
  }

  /** Never prints the session token. */
  @Override
  public String toString() {
    return "ParsedAuthorization[accessKeyId="
        + accessKeyId
        + ", scope="
        + scope.value()
        + ", signedHeaders="
        + String.join(";", signedHeaders)
        + ", amzDate="
        + amzDate
        + ", sessionToken="
        + (hasSessionToken() ? "****" : "none")
        + ", mode="
        + mode
        + "]";
  }
}
