package dev.gatehouse.core.authz;

import java.util.Objects;

/**
 * The resource a request acts on, as the request names it. The authorizer turns it into the ARN the
 * policies are matched against (adding the stored path of an existing entity).
 */
public sealed interface Target {
  /** Actions without a resource type in the Service Authorization Reference: {@code *}. */
  record Any() implements Target {}

  /**
   * An IAM entity by name.
   *
   * @param resourceType {@code user}, {@code role}, {@code group}, {@code policy}, ...
   * @param requestedPath the path the request gives (creation), {@code /} when it gives none; the
   *     stored path of an existing entity wins
   */
  record Named(String resourceType, String name, String requestedPath) implements Target {
    public Named {
      Objects.requireNonNull(resourceType, "resourceType");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(requestedPath, "requestedPath");
    }
  }

  /** A resource the request names by ARN (PolicyArn, OpenIDConnectProviderArn...). */
  record Arn(String arn) implements Target {
    public Arn {
      Objects.requireNonNull(arn, "arn");
    }
  }
}
