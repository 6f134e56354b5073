package dev.gatehouse.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One statement of a policy; immutable. */
public final class Statement {
  private final String sid;
  private final boolean hasSid;
  private final Effect effect;
  private final PrincipalElement principal;
  private final ActionElement action;
  private final ResourceElement resource;
  private final List<ConditionClause> conditions;

  /** A statement without {@code Sid}; see {@link #withSid(String)}. */
  public Statement(
      Effect effect,
      PrincipalElement principal,
      ActionElement action,
      ResourceElement resource,
      List<ConditionClause> conditions) {
    this(false, "", effect, principal, action, resource, conditions);
  }

  private Statement(
      boolean hasSid,
      String sid,
      Effect effect,
      PrincipalElement principal,
      ActionElement action,
      ResourceElement resource,
      List<ConditionClause> conditions) {
    this.hasSid = hasSid;
    this.sid = Objects.requireNonNull(sid);
    this.effect = Objects.requireNonNull(effect);
    this.principal = Objects.requireNonNull(principal);
    this.action = Objects.requireNonNull(action);
    this.resource = Objects.requireNonNull(resource);
    this.conditions = List.copyOf(conditions);
  }

  /** This statement with a {@code Sid} (which may be the empty string). */
  public Statement withSid(String sid) {
    return new Statement(true, sid, effect, principal, action, resource, conditions);
  }

  /** This statement without {@code Sid}. */
  public Statement withoutSid() {
    return new Statement(effect, principal, action, resource, conditions);
  }

  /** The {@code Sid}, when the statement has one (it may be the empty string). */
  public Optional<String> sid() {
    return hasSid ? Optional.of(sid) : Optional.empty();
  }

  public Effect effect() {
    return effect;
  }

  public PrincipalElement principal() {
    return principal;
  }

  public ActionElement action() {
    return action;
  }

  public ResourceElement resource() {
    return resource;
  }

  /** The condition clauses in document order; all must hold. */
  public List<ConditionClause> conditions() {
    return conditions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Statement s
        && hasSid == s.hasSid
        && sid.equals(s.sid)
        && effect == s.effect
        && principal.equals(s.principal)
        && action.equals(s.action)
        && resource.equals(s.resource)
        && conditions.equals(s.conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(hasSid, sid, effect, principal, action, resource, conditions);
  }

  @Override
  public String toString() {
    return "Statement" + PolicyPrinter.statementJson(this);
  }
}
