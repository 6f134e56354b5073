package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A policy compiled once for evaluation: statements indexed by lower-cased service prefix, so a
 * request only looks at statements that can match its action (spec: DESIGN, performance model).
 * Immutable and safe to share between threads.
 */
public final class CompiledPolicy {
  private final Policy policy;
  private final PolicyKind kind;
  private final String name;
  private final CompiledStatement[] statements;
  private final Map<String, CompiledStatement[]> byService;
  private final CompiledStatement[] anyService;

  private CompiledPolicy(Policy policy, PolicyKind kind, String name) {
    this.policy = policy;
    this.kind = kind;
    this.name = name;
    List<Statement> list = policy.statements();
    boolean variables = policy.version().supportsVariables();
    statements = new CompiledStatement[list.size()];
    Map<String, Set<Integer>> index = new HashMap<>();
    List<Integer> wildcard = new ArrayList<>();
    for (int i = 0; i < statements.length; i++) {
      Statement s = list.get(i);
      StatementRef ref = new StatementRef(kind, name, i, s.sid().orElse(""), s.effect());
      statements[i] = new CompiledStatement(s, ref, variables);
      Set<String> services = statements[i].actions.services();
      if (statements[i].notAction || services.isEmpty()) {
        wildcard.add(i);
      } else {
        for (String svc : services) {
          index.computeIfAbsent(svc, k -> new TreeSet<>()).add(i);
        }
      }
    }
    anyService = pick(wildcard);
    byService = new HashMap<>();
    for (Map.Entry<String, Set<Integer>> e : index.entrySet()) {
      Set<Integer> all = new TreeSet<>(e.getValue());
      all.addAll(wildcard);
      byService.put(e.getKey(), pick(new ArrayList<>(all)));
    }
  }

  private CompiledStatement[] pick(List<Integer> indexes) {
    CompiledStatement[] out = new CompiledStatement[indexes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = statements[indexes.get(i)];
    }
    return out;
  }

  /** Compiles a validated policy; {@code name} identifies it in explanations. */
  public static CompiledPolicy compile(Policy policy, PolicyKind kind, String name) {
    return new CompiledPolicy(policy, kind, name);
  }

  /** Parses (strictly, per kind) and compiles. */
  public static CompiledPolicy parse(String json, PolicyKind kind, String name) {
    return compile(Policy.parse(json, kind), kind, name);
  }

  public Policy policy() {
    return policy;
  }

  public PolicyKind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  /** The statements that may match the request's action, in document order. */
  CompiledStatement[] candidates(AuthorizationRequest r) {
    CompiledStatement[] c = byService.get(r.service());
    return c == null ? anyService : c;
  }
}
