package dev.gatehouse.core.sts;

import java.util.Objects;

/**
 * A role session issued to a federated caller: the credentials, and who the provider said the
 * caller is (the audit record's {@code userIdentity}). Results of the federated STS actions carry
 * one ({@link FederatedResult}).
 */
public record FederatedSession(SessionIssuer.Issued issued, FederatedCaller caller)
    implements FederatedResult {
  public FederatedSession {
    Objects.requireNonNull(issued, "issued");
    Objects.requireNonNull(caller, "caller");
  }

  @Override
  public FederatedSession session() {
    return this;
  }
}
