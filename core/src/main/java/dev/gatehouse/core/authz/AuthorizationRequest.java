package dev.gatehouse.core.authz;

import dev.gatehouse.policy.CompiledPolicy;
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
 * @param accountGrants permissions the account gives its users without a policy of theirs (the
 *     password policy's AllowUsersToChangePassword), evaluated with the identity policies
 */
public record AuthorizationRequest(
    Principal principal,
    String action,
    Target target,
    Map<String, List<String>> requestKeys,
    String sourceIp,
    boolean secureTransport,
    Instant time,
    List<CompiledPolicy> accountGrants) {
  public AuthorizationRequest {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    requestKeys = Map.copyOf(requestKeys);
    Objects.requireNonNull(sourceIp, "sourceIp");
    Objects.requireNonNull(time, "time");
    accountGrants = List.copyOf(accountGrants);
  }

  /** A request without account-level grants. */
  public AuthorizationRequest(
      Principal principal,
      String action,
      Target target,
      Map<String, List<String>> requestKeys,
      String sourceIp,
      boolean secureTransport,
      Instant time) {
    this(principal, action, target, requestKeys, sourceIp, secureTransport, time, List.of());
  }

  /** This request for {@code otherAction}, everything else the same. */
  public AuthorizationRequest withAction(String otherAction) {
    return new AuthorizationRequest(
        principal,
        otherAction,
        target,
        requestKeys,
        sourceIp,
        secureTransport,
        time,
        accountGrants);
  }

  /** This request with permissions the account gives its users evaluated as identity policies. */
  public AuthorizationRequest withAccountGrants(List<CompiledPolicy> grants) {
    return new AuthorizationRequest(
        principal, action, target, requestKeys, sourceIp, secureTransport, time, grants);
  }
}
