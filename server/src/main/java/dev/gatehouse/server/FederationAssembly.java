package dev.gatehouse.server;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.sts.FederatedOperations;
import dev.gatehouse.api.sts.StsApi;
import dev.gatehouse.api.sts.WebIdentityActions;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.LastUse;
import dev.gatehouse.core.oidc.HttpsFetcher;
import dev.gatehouse.core.oidc.OidcKeys;
import dev.gatehouse.core.oidc.WebIdentityVerifier;
import dev.gatehouse.core.sts.FederatedSessions;
import dev.gatehouse.core.sts.ManagedSessionPolicies;
import dev.gatehouse.core.sts.SessionIssuer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The federated STS actions of the node (AssumeRoleWithWebIdentity, AssumeRoleWithSAML): each
 * verifies its token or assertion, then shares the session issuing of {@link FederatedOperations}.
 */
final class FederationAssembly {
  /** How long an issuer's key set is used before it is fetched again. */
  static final Duration KEYS_TTL = Duration.ofMinutes(10);

  /** The least time between two fetches of one issuer's keys for unknown key ids. */
  static final Duration KEYS_MIN_REFRESH = Duration.ofSeconds(1);

  private FederationAssembly() {}

  static List<Operation<?, ?>> operations(
      IamServices iam,
      SessionIssuer issuer,
      ManagedSessionPolicies managed,
      Clock clock,
      HttpsFetcher fetcher,
      Map<String, String> environment) {
    FederatedOperations federation =
        new FederatedOperations(
            new FederatedSessions(issuer, managed), new LastUse(StsApi.roleUse(iam), clock));
    OidcKeys keys = new OidcKeys(fetcher, clock, KEYS_TTL, KEYS_MIN_REFRESH);
    List<Operation<?, ?>> operations = new ArrayList<>();
    operations.add(
        WebIdentityActions.operation(
            federation,
            new WebIdentityVerifier(account -> iam.oidcProviders().list(account), keys, clock)));
    operations.add(SamlAssembly.operation(federation, iam, environment, clock));
    return operations;
  }
}
