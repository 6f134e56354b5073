package dev.gatehouse.core.iam;

import dev.gatehouse.core.error.GatehouseException;
import dev.gatehouse.policy.AuthorizationRequest;
import dev.gatehouse.policy.Caller;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.ConditionClause;
import dev.gatehouse.policy.Decision;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Evaluator;
import dev.gatehouse.policy.Outcome;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicySet;
import dev.gatehouse.policy.PrincipalElement;
import dev.gatehouse.policy.RequestContext;
import dev.gatehouse.policy.ResourceElement;
import dev.gatehouse.policy.Statement;
import dev.gatehouse.policy.StatementRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The IAM policy simulator: evaluates every (action, resource) pair with the policy engine over the
 * given policies and explains each decision the way SimulatePrincipalPolicy and
 * SimulateCustomPolicy do (spec: IAM API reference, EvaluationResult, Statement).
 */
public final class Simulator {
  private Simulator() {}

  /** The simulator's name for each outcome (spec: PolicyEvaluationDecisionType). */
  public static String decisionName(Outcome outcome) {
    return switch (outcome) {
      case ALLOWED -> "allowed";
      case EXPLICITLY_DENIED -> "explicitDeny";
      case IMPLICITLY_DENIED -> "implicitDeny";
    };
  }

  /**
   * One policy of a simulation.
   *
   * @param id SourcePolicyId: the policy's name, or {@code PolicyInputList.N}, {@code
   *     ResourcePolicy}...
   * @param type SourcePolicyType: user, group, role, aws-managed, user-managed, resource, none
   * @param key unique within one simulation; the compiled policy's name
   */
  public record SimulatedPolicy(
      String id, String type, String key, String json, CompiledPolicy compiled) {}

  /** One ContextEntries member. */
  public record ContextEntry(String name, List<String> values, String type) {}

  /**
   * What to simulate.
   *
   * @param resourcePolicies zero or one ResourcePolicy
   * @param resourceOwner the account owning the resources; empty for the caller's
   * @param resources the ResourceArns; {@code *} when none are given
   */
  public record Input(
      Caller caller,
      List<SimulatedPolicy> identity,
      List<SimulatedPolicy> boundaries,
      List<SimulatedPolicy> resourcePolicies,
      String resourceOwner,
      List<String> actions,
      List<String> resources,
      List<ContextEntry> context) {
    public Input {
      identity = List.copyOf(identity);
      boundaries = List.copyOf(boundaries);
      resourcePolicies = List.copyOf(resourcePolicies);
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
      context = List.copyOf(context);
    }
  }

  /** A statement that determined a decision, with where it is in its document when known. */
  public record MatchedStatement(
      String sourcePolicyId, String sourcePolicyType, List<StatementPositions.Span> span) {}

  /**
   * The evaluation of one (action, resource) pair.
   *
   * @param boundary empty without a permissions boundary, else whether the boundary allows
   * @param resourceSpecific whether the resource was given in ResourceArns (the details then go
   *     under ResourceSpecificResults)
   */
  public record Result(
      String action,
      String resource,
      Outcome outcome,
      List<MatchedStatement> matched,
      List<String> missingContextValues,
      List<Boolean> boundary,
      boolean resourceSpecific) {}

  // spec: IAM API reference, ContextEntry: ContextKeyType values.
  private static final Set<String> TYPES =
      Set.of(
          "string",
          "stringList",
          "numeric",
          "numericList",
          "boolean",
          "booleanList",
          "ip",
          "ipList",
          "binary",
          "binaryList",
          "date",
          "dateList");

  public static RequestContext context(List<ContextEntry> entries) {
    RequestContext.Builder ctx = RequestContext.builder();
    for (ContextEntry e : entries) {
      if (e.name().isEmpty()) {
        throw GatehouseException.invalidInput("ContextEntries: a ContextKeyName is required.");
      }
      if (!TYPES.contains(e.type())) {
        throw GatehouseException.invalidInput(
            "ContextEntries: ContextKeyType '"
                + e.type()
                + "' of key "
                + e.name()
                + " is not one of "
                + String.join(", ", new java.util.TreeSet<>(TYPES))
                + ".");
      }
      if (e.type().endsWith("List") || e.values().size() != 1) {
        ctx.putAll(e.name(), e.values());
      } else {
        ctx.put(e.name(), e.values().get(0));
      }
    }
    return ctx.build();
  }

  public static List<Result> run(Input in) {
    RequestContext context = context(in.context());
    Map<String, SimulatedPolicy> byKey = new HashMap<>();
    List<SimulatedPolicy> all = new ArrayList<>();
    all.addAll(in.identity());
    all.addAll(in.boundaries());
    all.addAll(in.resourcePolicies());
    for (SimulatedPolicy p : all) {
      byKey.put(p.key(), p);
    }
    PolicySet set =
        new PolicySet(
            compiled(in.identity()),
            compiled(in.resourcePolicies()),
            compiled(in.boundaries()),
            List.of(),
            List.of(),
            List.of());
    List<Probe> probes = probes(all);
    Caller prober = new Caller.IamUser("arn:aws:iam::000000000000:user/probe", "000000000000", "p");
    List<String> resources = in.resources().isEmpty() ? List.of("*") : in.resources();
    List<Result> out = new ArrayList<>();
    for (String action : in.actions()) {
      for (String resource : resources) {
        AuthorizationRequest request =
            new AuthorizationRequest(in.caller(), action, resource, in.resourceOwner(), context);
        Decision decision = Evaluator.evaluate(request, set);
        List<MatchedStatement> matched = new ArrayList<>();
        for (StatementRef ref : decision.statements()) {
          SimulatedPolicy p = byKey.get(ref.policyName());
          if (p != null) {
            matched.add(matched(p, ref.statementIndex()));
          }
        }
        AuthorizationRequest probe =
            new AuthorizationRequest(prober, action, resource, "", context);
        List<Boolean> boundary =
            in.boundaries().isEmpty()
                ? List.of()
                : List.of(
                    Evaluator.evaluate(request, PolicySet.identity(compiled(in.boundaries())))
                            .outcome()
                        == Outcome.ALLOWED);
        out.add(
            new Result(
                action,
                resource,
                decision.outcome(),
                matched,
                missing(probes, probe, context),
                boundary,
                !in.resources().isEmpty()));
      }
    }
    return out;
  }

  private static MatchedStatement matched(SimulatedPolicy p, int index) {
    List<StatementPositions.Span> spans = StatementPositions.of(p.json());
    return new MatchedStatement(
        p.id(), p.type(), index < spans.size() ? List.of(spans.get(index)) : List.of());
  }

  private static List<CompiledPolicy> compiled(List<SimulatedPolicy> policies) {
    List<CompiledPolicy> out = new ArrayList<>();
    for (SimulatedPolicy p : policies) {
      out.add(p.compiled());
    }
    return out;
  }

  /**
   * The context keys a statement needs, and the same statement without conditions (and without
   * principals) as an Allow: the probe tells whether the statement applies to an action and
   * resource. Policy variables in its Resource become wildcards in the probe, so a statement that
   * needs {@code ${aws:username}} still applies and the key is reported missing.
   */
  private record Probe(List<String> keys, CompiledPolicy withoutConditions) {}

  private static List<Probe> probes(List<SimulatedPolicy> policies) {
    List<Probe> out = new ArrayList<>();
    for (SimulatedPolicy p : policies) {
      Policy policy = p.compiled().policy();
      boolean variables = policy.version().supportsVariables();
      for (Statement s : policy.statements()) {
        Map<String, String> keys = new LinkedHashMap<>();
        statementKeys(s, variables, keys);
        if (keys.isEmpty()) {
          continue;
        }
        ResourceElement resource = s.resource();
        if (resource instanceof ResourceElement.None) {
          resource = new ResourceElement.Resources(List.of("*"));
        } else if (resource instanceof ResourceElement.Resources r && variables) {
          List<String> widened = new ArrayList<>();
          for (String pattern : r.patterns()) {
            widened.add(pattern.replaceAll("\\$\\{[^}]*\\}", "*"));
          }
          resource = new ResourceElement.Resources(widened);
        }
        Statement bare =
            new Statement(
                Effect.ALLOW, new PrincipalElement.None(), s.action(), resource, List.of());
        out.add(
            new Probe(
                List.copyOf(keys.values()),
                CompiledPolicy.compile(
                    new Policy(policy.version(), List.of(bare)), PolicyKind.IDENTITY, "probe")));
      }
    }
    return out;
  }

  /**
   * MissingContextValues: the keys that conditions of statements applying to the action and
   * resource test and that the context does not give (spec: EvaluationResult, MissingContextValues:
   * "A list of context keys that are required by the included input policies but that were not
   * provided by one of the input parameters").
   */
  private static List<String> missing(
      List<Probe> probes, AuthorizationRequest probe, RequestContext context) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Probe p : probes) {
      if (Evaluator.evaluate(probe, PolicySet.identity(List.of(p.withoutConditions()))).outcome()
          != Outcome.ALLOWED) {
        continue;
      }
      for (String key : p.keys()) {
        if (context.get(key).isEmpty()) {
          out.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
        }
      }
    }
    return List.copyOf(out.values());
  }

  /**
   * GetContextKeysFor*Policy: the keys the policies test in conditions and the keys their policy
   * variables name ({@code ${aws:username}} in a Resource or a condition value), statement by
   * statement, as first written, de-duplicated without regard to case (condition key names are
   * case-insensitive). spec: AWS CLI examples, get-context-keys-for-custom-policy: a policy with
   * Resource {@code ...table/${aws:username}} and a condition on aws:CurrentTime gives {@code
   * ["aws:username", "aws:CurrentTime"]}.
   */
  public static List<String> contextKeys(List<SimulatedPolicy> policies) {
    Map<String, String> out = new LinkedHashMap<>();
    for (SimulatedPolicy p : policies) {
      Policy policy = p.compiled().policy();
      boolean variables = policy.version().supportsVariables();
      for (Statement s : policy.statements()) {
        statementKeys(s, variables, out);
      }
    }
    return List.copyOf(out.values());
  }

  /** Adds the keys of one statement: Resource variables, condition keys, value variables. */
  private static void statementKeys(Statement s, boolean variables, Map<String, String> out) {
    if (variables) {
      for (String pattern : patterns(s.resource())) {
        variables(pattern, out);
      }
    }
    for (ConditionClause c : s.conditions()) {
      out.putIfAbsent(c.key().toLowerCase(Locale.ROOT), c.key());
      if (variables) {
        for (String value : c.values()) {
          variables(value, out);
        }
      }
    }
  }

  private static List<String> patterns(ResourceElement resource) {
    if (resource instanceof ResourceElement.Resources r) {
      return r.patterns();
    }
    if (resource instanceof ResourceElement.NotResources r) {
      return r.patterns();
    }
    return List.of();
  }

  /**
   * The keys of the policy variables in {@code text}: {@code ${key}} or {@code ${key, 'default'}};
   * the escapes {@code ${*}}, {@code ${?}} and {@code ${$}} name no key.
   */
  public static void variables(String text, Map<String, String> out) {
    int from = 0;
    while (true) {
      int open = text.indexOf("${", from);
      if (open < 0) {
        return;
      }
      int close = text.indexOf('}', open);
      if (close < 0) {
        return;
      }
      String inside = text.substring(open + 2, close);
      int comma = inside.indexOf(',');
      String key = (comma < 0 ? inside : inside.substring(0, comma)).trim();
      if (key.contains(":")) {
        out.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
      }
      from = close + 1;
    }
  }
}
