package dev.gatehouse.policy.cases;

import dev.gatehouse.policy.AuthorizationRequest;
import dev.gatehouse.policy.Decision;
import dev.gatehouse.policy.Evaluator;
import dev.gatehouse.policy.Outcome;
import dev.gatehouse.policy.PolicySet;
import dev.gatehouse.policy.StatementRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One case of a case file, prepared once: its policies compiled and its request context built, so
 * that {@link #evaluate()} only evaluates. A case that could not be prepared evaluates to its
 * error.
 */
public final class PolicyCase {
  private final String id;
  private final Outcome expected;
  private final AuthorizationRequest request;
  private final PolicySet policies;
  private final String error;

  private PolicyCase(
      String id, Outcome expected, AuthorizationRequest request, PolicySet policies, String error) {
    this.id = id;
    this.expected = expected;
    this.request = request;
    this.policies = policies;
    this.error = error;
  }

  static PolicyCase prepared(
      String id, Optional<Outcome> expected, AuthorizationRequest request, PolicySet policies) {
    return new PolicyCase(id, expected.orElse(null), request, policies, "");
  }

  static PolicyCase failed(String id, Optional<Outcome> expected, String error) {
    return new PolicyCase(id, expected.orElse(null), null, null, error);
  }

  public String id() {
    return id;
  }

  /** The decision the case expects, when it says. */
  public Optional<Outcome> expected() {
    return Optional.ofNullable(expected);
  }

  /** The prepared request, when the case could be prepared. */
  public Optional<AuthorizationRequest> request() {
    return Optional.ofNullable(request);
  }

  /** The compiled policies, when the case could be prepared. */
  public Optional<PolicySet> policies() {
    return Optional.ofNullable(policies);
  }

  /** Evaluates the case; never throws for a bad case: the result carries the error instead. */
  public CaseResult evaluate() {
    if (request == null) {
      return CaseResult.failed(id, error);
    }
    Decision d;
    try {
      d = Evaluator.evaluate(request, policies);
    } catch (RuntimeException e) {
      // spec: evaluation-logic "Errors": an evaluation error means the request is not allowed.
      return CaseResult.failed(id, "evaluation failed: " + e.getMessage());
    }
    List<String> explanation = new ArrayList<>(d.statements().size() + 1);
    String reason = d.reason(request.action());
    if (!reason.isEmpty()) {
      explanation.add(reason);
    } else if (d.basis() == Decision.Basis.ROOT_USER) {
      explanation.add("the account root user has full access in its own account");
    } else if (d.basis() == Decision.Basis.NO_PERMISSION_NEEDED) {
      explanation.add(request.action() + " needs no permission");
    }
    for (StatementRef s : d.statements()) {
      explanation.add(s.describe());
    }
    return new CaseResult(id, Optional.of(d.outcome()), Optional.empty(), explanation);
  }

  /**
   * Only the outcome, for throughput runs: no explanation strings are built. A case that could not
   * be prepared is not allowed (spec: evaluation-logic, "Errors").
   */
  public Outcome decide() {
    return request == null
        ? Outcome.IMPLICITLY_DENIED
        : Evaluator.evaluate(request, policies).outcome();
  }
}
