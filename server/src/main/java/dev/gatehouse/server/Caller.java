package dev.gatehouse.server;

import dev.gatehouse.core.authz.Principal;
import java.util.Objects;

/**
 * An authenticated caller.
 *
 * @param accessKeyId the access key that signed the request
 * @param region the region of the credential scope
 * @param service the signing service of the credential scope ({@code iam}, {@code sts})
 */
public record Caller(Principal principal, String accessKeyId, String region, String service) {
  public Caller {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(service, "service");
  }
}
