package dev.gatehouse.server;

import java.util.Optional;

/**
 * The access key and signing service a SigV4 Authorization header names in its credential ({@code
 * Credential=KEY/DATE/REGION/SERVICE/aws4_request}), read in place without checking anything else:
 * what {@link InlineReads} and {@link InlineObjectReads} decide by before the pipeline checks the
 * signature. A header that is not SigV4 or whose credential has fewer than five parts has none.
 */
record SignedScope(String accessKeyId, String service) {
  private static final String SCHEME = "AWS4-HMAC-SHA256 ";
  private static final String CREDENTIAL = "Credential=";

  static Optional<SignedScope> of(String authorization) {
    if (authorization == null || !authorization.startsWith(SCHEME)) {
      return Optional.empty();
    }
    int at = authorization.indexOf(CREDENTIAL, SCHEME.length());
    if (at < 0) {
      return Optional.empty();
    }
    // The key before the first slash, the service between the third and the fourth.
    int start = at + CREDENTIAL.length();
    int[] slashes = new int[4];
    int found = 0;
    for (int i = start; i < authorization.length() && found < 4; i++) {
      char c = authorization.charAt(i);
      if (c == ',' || c == ' ') {
        break;
      }
      if (c == '/') {
        slashes[found++] = i;
      }
    }
    if (found < 4) {
      return Optional.empty();
    }
    return Optional.of(
        new SignedScope(
            authorization.substring(start, slashes[0]),
            authorization.substring(slashes[2] + 1, slashes[3])));
  }
}
