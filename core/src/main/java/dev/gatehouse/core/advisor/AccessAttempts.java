package dev.gatehouse.core.advisor;

import dev.gatehouse.core.authz.Principal;
import java.time.Instant;

/** Told of every authorization decision: who attempted which action, where and when. */
@FunctionalInterface
public interface AccessAttempts {
  /**
   * @param action {@code service:Action}, e.g. {@code iam:GetUser}
   * @param region the region the request was signed for
   */
  void attempted(Principal principal, String action, String region, Instant at);

  /** Records nothing (tests, and pipelines without access advisor). */
  AccessAttempts NONE = (principal, action, region, at) -> {};
}
