package dev.gatehouse.policy.cases;

import dev.gatehouse.policy.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * The result of one case: an outcome, or an error message when the case could not be evaluated, and
 * the explanation (the determining statements, for {@code --explain}).
 */
public record CaseResult(
    String id, Optional<Outcome> outcome, Optional<String> error, List<String> explanation) {

  public CaseResult {
    explanation = List.copyOf(explanation);
  }

  static CaseResult failed(String id, String error) {
    return new CaseResult(id, Optional.empty(), Optional.of(error), List.of());
  }
}
