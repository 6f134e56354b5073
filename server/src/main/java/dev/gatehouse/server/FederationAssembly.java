package dev.gatehouse.server;

import dev.gatehouse.api.Operation;
import dev.gatehouse.api.sts.FederatedOperations;
import dev.gatehouse.api.sts.StsApi;
import dev.gatehouse.core.iam.IamServices;
import dev.gatehouse.core.iam.LastUse;
import dev.gatehouse.core.sts.FederatedSessions;
import dev.gatehouse.core.sts.ManagedSessionPolicies;
import dev.gatehouse.core.sts.SessionIssuer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The federated STS actions of the node (AssumeRoleWithWebIdentity, AssumeRoleWithSAML): each
 * verifies its token or assertion, then shares the session issuing of {@link FederatedOperations}.
 */
final class FederationAssembly {
  private FederationAssembly() {}

  static List<Operation<?, ?>> operations(
      IamServices iam, SessionIssuer issuer, ManagedSessionPolicies managed, Clock clock) {
    FederatedOperations federation =
        new FederatedOperations(
            new FederatedSessions(issuer, managed), new LastUse(StsApi.roleUse(iam), clock));
    List<Operation<?, ?>> operations = new ArrayList<>();
    operations.add(SamlAssembly.operation(federation, iam, System.getenv(), clock));
    return federation == null ? List.of() : operations;
  }
}
