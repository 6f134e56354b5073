package dev.gatehouse.sigv4;

import java.util.Objects;

/**
 * A signed request together with every intermediate stage, so that tests can assert each one.
 *
 * @param request the request with its {@code Authorization} header or presigned query added
 * @param canonicalRequest stage 1
 * @param stringToSign stage 2
 * @param signature stage 4 (lower-case hex)
 */
public record SigningResult(
    SignedRequest request, String canonicalRequest, String stringToSign, String signature) {
  public SigningResult {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(canonicalRequest, "canonicalRequest");
    Objects.requireNonNull(stringToSign, "stringToSign");
    Objects.requireNonNull(signature, "signature");
  }
}
