package dev.gatehouse.sigv4;

import java.util.Objects;

/**
 * The credential scope {@code date/region/service/terminator} named in the signature.
 *
 * @param date the scope date, {@code YYYYMMDD}
 * @param region the signing region, for example {@code us-east-1}
 * @param service the signing service, for example {@code sts}
 * @param terminator always {@code aws4_request} in a valid request; kept as received so that the
 *     verifier can refuse anything else with AWS's message
 */
public record CredentialScope(String date, String region, String service, String terminator) {
  /** The only terminator SigV4 defines. */
  public static final String TERMINATOR = "aws4_request";

  public CredentialScope {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(terminator, "terminator");
  }

  /** A scope with the standard terminator. */
  public static CredentialScope of(String date, String region, String service) {
    return new CredentialScope(date, region, service, TERMINATOR);
  }

  /** The scope as it appears in the credential and the string to sign. */
  public String value() {
    return date + "/" + region + "/" + service + "/" + terminator;
  }
}
