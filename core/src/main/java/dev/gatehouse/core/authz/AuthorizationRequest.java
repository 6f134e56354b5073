package dev.gatehouse.core.authz;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the authorizer needs about one request. Time and caller arrive here; nothing is looked
 * up from a clock.
 *
 * @param action {@code iam:CreateUser}
 * @param requestKeys condition keys the request itself carries (aws:RequestTag/..., aws:TagKeys,
 *     iam:PolicyARN, iam:PermissionsBoundary...), names as AWS spells them
 * @param sourceIp the caller's address as seen by the server (aws:SourceIp)
 * @param secureTransport whether the request came over TLS (aws:SecureTransport)
 */
public record AuthorizationRequest(
    Principal principal,
    String action,
    Target target,
    Map<String, List<String>> requestKeys,
    String sourceIp,
    boolean secureTransport,
    Instant time) {
  public AuthorizationRequest {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    requestKeys = Map.copyOf(requestKeys);
    Objects.requireNonNull(sourceIp, "sourceIp");
    Objects.requireNonNull(time, "time");
  }
}
