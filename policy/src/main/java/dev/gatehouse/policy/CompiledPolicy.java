package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A policy compiled once for evaluation: statements indexed by lower-cased service prefix, so a
 * request only looks at statements that can match its action (spec: DESIGN, performance model).
 * Immutable and safe to share between threads.
 */
public final class CompiledPolicy {
  /** A statement that may match requests of one service, with its name matcher for it. */
  static final class Candidate {
    final CompiledStatement statement;
    private final ActionMatcher.Names names;

    Candidate(CompiledStatement statement, ActionMatcher.Names names) {
      this.statement = statement;
      this.names = names;
    }

    /** Whether the statement's Action / NotAction element matches the request's action. */
    boolean actionMatches(AuthorizationRequest r) {
      if (names != null) {
        return names.test(r.actionName());
      }
      return statement.actions.test(r) != statement.notAction;
    }
  }

  private static final Candidate[] NONE = new Candidate[0];
  private static final CompiledStatement[] NO_STATEMENTS = new CompiledStatement[0];
  private static final int MAX_MEMOIZED_ACTIONS = 4096;

  private final ActionMemo byAction = new ActionMemo(MAX_MEMOIZED_ACTIONS);

  private final Policy policy;
  private final PolicyKind kind;
  private final String name;
  private final Map<String, Candidate[]> byService;
  private final Candidate[] anyService;

  /**
   * A bit per service this policy's statements name ({@link #serviceBit}); when no statement can
   * match every service, a request whose bit is clear matches nothing here, and is answered without
   * reading the memo.
   */
  private final long serviceMask;

  private CompiledPolicy(Policy policy, PolicyKind kind, String name) {
    this.policy = policy;
    this.kind = kind;
    this.name = name;
    List<Statement> list = policy.statements();
    boolean variables = policy.version().supportsVariables();
    Map<String, TreeMap<Integer, Candidate>> index = new HashMap<>();
    TreeMap<Integer, Candidate> wildcard = new TreeMap<>();
    for (int i = 0; i < list.size(); i++) {
      Statement s = list.get(i);
      StatementRef ref = new StatementRef(kind, name, i, s.sid().orElse(""), s.effect());
      CompiledStatement cs = new CompiledStatement(s, ref, variables);
      Set<String> services = cs.actions.services();
      if (cs.notAction || services.isEmpty()) {
        wildcard.put(i, new Candidate(cs, null));
      } else {
        for (String svc : services) {
          index
              .computeIfAbsent(svc, k -> new TreeMap<>())
              .put(i, new Candidate(cs, cs.actions.names(svc)));
        }
      }
    }
    anyService = wildcard.values().toArray(NONE);
    byService = new HashMap<>();
    long mask = 0;
    for (Map.Entry<String, TreeMap<Integer, Candidate>> e : index.entrySet()) {
      mask |= serviceBit(e.getKey());
      TreeMap<Integer, Candidate> all = new TreeMap<>(wildcard);
      all.putAll(e.getValue());
      byService.put(e.getKey(), new ArrayList<>(all.values()).toArray(NONE));
    }
    serviceMask = anyService.length > 0 ? -1L : mask;
  }

  /** The bit of a lower-cased service prefix in {@link #serviceMask}. */
  static long serviceBit(String serviceLower) {
    return 1L << (serviceLower.hashCode() & 63);
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
  Candidate[] candidates(AuthorizationRequest r) {
    Candidate[] c = byService.get(r.service());
    return c == null ? anyService : c;
  }

  /**
   * The statements whose Action / NotAction matches the request's action, in document order.
   * Memoized per action: the answer depends on the action alone, and a service evaluates few
   * distinct actions. Bounded so that unusual traffic cannot grow it without limit.
   */
  CompiledStatement[] matching(AuthorizationRequest r) {
    if ((serviceMask & r.serviceBit()) == 0) {
      return NO_STATEMENTS;
    }
    CompiledStatement[] hit = byAction.get(r.actionLower(), r.actionHash());
    if (hit != null) {
      return hit;
    }
    Candidate[] candidates = candidates(r);
    List<CompiledStatement> out = new ArrayList<>(candidates.length);
    for (Candidate c : candidates) {
      if (c.actionMatches(r)) {
        out.add(c.statement);
      }
    }
    CompiledStatement[] result = out.toArray(NO_STATEMENTS);
    byAction.put(r.actionLower(), result);
    return result;
  }
}
