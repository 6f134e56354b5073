package dev.gatehouse.policy;

import java.util.List;

/** A statement compiled for evaluation. */
final class CompiledStatement {
  final StatementRef ref;
  final boolean deny;
  final ActionMatcher actions;
  final boolean notAction;
  final ResourceMatcher resources;
  final boolean notResource;
  final boolean anyResource;
  final PrincipalMatcher principals;
  final boolean notPrincipal;
  final CompiledCondition[] conditions;

  /** The decision when this statement alone decides: allowed by it, or denied by it. */
  final Decision alone;

  CompiledStatement(Statement s, StatementRef ref, boolean variables) {
    this.ref = ref;
    this.deny = s.effect() == Effect.DENY;
    this.alone =
        deny
            ? new Decision(Outcome.EXPLICITLY_DENIED, Decision.Basis.EXPLICIT_DENY, List.of(ref))
            : new Decision(Outcome.ALLOWED, Decision.Basis.ALLOWED_BY_POLICY, List.of(ref));
    ActionElement a = s.action();
    this.actions = new ActionMatcher(a.patterns());
    this.notAction = a instanceof ActionElement.NotActions;
    ResourceElement r = s.resource();
    List<String> patterns = List.of();
    if (r instanceof ResourceElement.Resources rs) {
      patterns = rs.patterns();
    } else if (r instanceof ResourceElement.NotResources nr) {
      patterns = nr.patterns();
    }
    this.anyResource = r instanceof ResourceElement.None;
    this.notResource = r instanceof ResourceElement.NotResources;
    this.resources = new ResourceMatcher(patterns, variables);
    PrincipalElement p = s.principal();
    if (p instanceof PrincipalElement.Principals ps) {
      this.principals = new PrincipalMatcher(ps.set());
      this.notPrincipal = false;
    } else if (p instanceof PrincipalElement.NotPrincipals np) {
      this.principals = new PrincipalMatcher(np.set());
      this.notPrincipal = true;
    } else {
      this.principals = null;
      this.notPrincipal = false;
    }
    List<ConditionClause> clauses = s.conditions();
    this.conditions = new CompiledCondition[clauses.size()];
    for (int i = 0; i < conditions.length; i++) {
      conditions[i] = new CompiledCondition(clauses.get(i), variables);
    }
  }

  /** Resource and conditions, once the action is known to match. */
  boolean appliesToResource(AuthorizationRequest r) {
    if (!anyResource && resources.test(r.resource(), r.context()) == notResource) {
      return false;
    }
    for (CompiledCondition c : conditions) {
      if (!c.test(r.context())) {
        return false;
      }
    }
    return true;
  }
}
