package dev.gatehouse.core.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.core.error.ErrorCode;
import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.policy.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Results as values: a denial is never allowed, and becomes AccessDenied in one place. */
class AuthorizationResultTest {

  @Test
  void anAllowedResultGivesItsDecision() {
    Decision d = new Decision("arn:aws:iam::123456789012:user/a", List.of("ALLOWED_BY_POLICY"));
    AuthorizationResult r = new AuthorizationResult.Allowed(d);
    assertThat(r.allowed()).isTrue();
    assertThat(r.orThrow()).isSameAs(d);
  }

  @Test
  void aDenialBecomesAccessDeniedWithItsMessage() {
    AuthorizationResult.Denied r = AuthorizationResult.Denied.byRule("No.");
    assertThat(r.allowed()).isFalse();
    assertThat(r.outcome()).isEqualTo(Outcome.IMPLICITLY_DENIED);
    assertThat(r.basis()).isEqualTo(AuthorizationResult.Basis.RULE);
    assertThatThrownBy(r::orThrow)
        .isInstanceOf(GatehouseException.class)
        .hasMessage("No.")
        .extracting(e -> ((GatehouseException) e).code())
        .isEqualTo(ErrorCode.ACCESS_DENIED);
  }

  @Test
  void aDenialCannotBeAllowed() {
    assertThatThrownBy(
            () ->
                new AuthorizationResult.Denied(
                    Outcome.ALLOWED, AuthorizationResult.Basis.RULE, List.of(), "x"))
        .isInstanceOf(IllegalArgumentException.class);
    List<dev.gatehouse.policy.Decision.Basis> allowing =
        List.of(
            dev.gatehouse.policy.Decision.Basis.ALLOWED_BY_POLICY,
            dev.gatehouse.policy.Decision.Basis.ROOT_USER,
            dev.gatehouse.policy.Decision.Basis.NO_PERMISSION_NEEDED);
    for (dev.gatehouse.policy.Decision.Basis engine :
        dev.gatehouse.policy.Decision.Basis.values()) {
      if (allowing.contains(engine)) {
        assertThatThrownBy(() -> AuthorizationResult.Basis.of(engine))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("not a denial: " + engine);
      } else {
        assertThat(AuthorizationResult.Basis.of(engine).name()).isEqualTo(engine.name());
      }
    }
  }
}
