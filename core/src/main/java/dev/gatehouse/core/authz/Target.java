package dev.gatehouse.core.authz;

import dev.gatehouse.core.sts.FederatedAssumption;
import java.util.Map;
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

  /**
   * A resource the request names by ARN (PolicyArn, OpenIDConnectProviderArn, an Organizations
   * account...).
   *
   * @param resourceTags the resource's tags (aws:ResourceTag/KEY) when they live outside the
   *     account's IAM snapshot, as an Organizations account's do: the API that names the resource
   *     reads them with it; empty for a resource without tags or whose tags the snapshot holds
   */
  record Arn(String arn, Map<String, String> resourceTags) implements Target {
    public Arn {
      Objects.requireNonNull(arn, "arn");
      resourceTags = Map.copyOf(resourceTags);
    }

    public Arn(String arn) {
      this(arn, Map.of());
    }
  }

  /**
   * The role a federated caller asks to assume (AssumeRoleWithWebIdentity, AssumeRoleWithSAML),
   * with what the verified token or assertion says: the federated principal the trust policy must
   * name and the provider's condition keys. No IAM principal signed such a call; the role's trust
   * policy decides alone ({@link FederatedTrust}).
   */
  record FederatedRole(FederatedAssumption assumption) implements Target {
    public FederatedRole {
      Objects.requireNonNull(assumption, "assumption");
    }
  }
}
