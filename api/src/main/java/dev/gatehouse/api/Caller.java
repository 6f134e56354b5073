package dev.gatehouse.api;

import dev.gatehouse.core.authz.Principal;
import dev.gatehouse.core.sts.MfaFacts;
import java.util.Objects;

/**
 * An authenticated caller.
 *
 * @param accessKeyId the access key that signed the request
 * @param region the region of the credential scope
 * @param service the signing service of the credential scope ({@code iam}, {@code sts})
 * @param signInMfa the MFA facts of a console sign-in the caller acts through (absent for SigV4
 *     callers, whose MFA facts travel in their session token): a role session started from it
 *     carries them, as a console role switch does on AWS
 */
public record Caller(
    Principal principal, String accessKeyId, String region, String service, MfaFacts signInMfa) {
  public Caller {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(signInMfa, "signInMfa");
  }

  /**
   * The caller of an unsigned request to an action AWS serves unsigned: nobody, until the token the
   * request carries says who (spec: STS API Reference, AssumeRoleWithWebIdentity "Calling
   * AssumeRoleWithWebIdentity does not require the use of AWS security credentials").
   */
  public static Caller unsigned(String service) {
    return new Caller(new Principal.Anonymous(), "", "us-east-1", service);
  }

  /** Whether no signature identifies the caller. */
  public boolean isUnsigned() {
    return principal instanceof Principal.Anonymous;
  }

  /** A caller without a console sign-in. */
  public Caller(Principal principal, String accessKeyId, String region, String service) {
    this(principal, accessKeyId, region, service, MfaFacts.absent());
  }
}
