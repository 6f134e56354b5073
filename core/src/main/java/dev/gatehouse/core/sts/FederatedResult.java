package dev.gatehouse.core.sts;

/**
 * The result of an STS action a federated caller made unsigned: the pipeline's audit record names
 * the caller the identity provider vouched for, and the role's account receives the record.
 */
public interface FederatedResult {
  FederatedSession session();
}
