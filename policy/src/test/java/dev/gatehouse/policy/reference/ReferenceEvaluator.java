package dev.gatehouse.policy.reference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.policy.reference.ReferencePatterns.Context;
import dev.gatehouse.policy.reference.ReferencePrincipal.Kind;
import dev.gatehouse.policy.reference.ReferencePrincipal.Naming;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A deliberately naive evaluator of one POLICY-CASES.md case, written from the IAM User Guide
 * evaluation-logic pages over the raw JSON: no compilation, no indexing, regexes rebuilt on every
 * match. It exists to be obviously right, not fast, and shares no code with the engine.
 */
public final class ReferenceEvaluator {

  private static final String ALLOWED = "Allowed";
  private static final String EXPLICITLY_DENIED = "ExplicitlyDenied";
  private static final String IMPLICITLY_DENIED = "ImplicitlyDenied";

  private final JsonNode request;
  private final ReferencePrincipal principal;
  private final String action;
  private final String resource;
  private final Context context;

  private ReferenceEvaluator(JsonNode request) {
    this.request = request;
    this.principal = ReferencePrincipal.parse(request.path("principal").asText());
    this.action = request.path("action").asText();
    this.resource = request.path("resource").asText();
    Map<String, JsonNode> values = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : request.path("context").properties()) {
      values.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
    this.context = new Context(values);
  }

  /** Returns the wire name of the outcome AWS would give for the case. */
  public static String evaluate(JsonNode testCase, Map<String, JsonNode> namedPolicies) {
    ReferenceEvaluator e = new ReferenceEvaluator(testCase.path("request"));
    return e.decide(testCase, namedPolicies);
  }

  private String decide(JsonNode c, Map<String, JsonNode> named) {
    boolean anonymous = principal.kind() == Kind.ANONYMOUS || principal.kind() == Kind.NAMED;
    // spec: STS API GetCallerIdentity: "No permissions are required ... If an administrator
    // attaches a policy to your identity that explicitly denies access ... you can still perform
    // this operation." Whether the caller could authenticate at all is not the evaluator's concern.
    if (action.equalsIgnoreCase("sts:GetCallerIdentity")) {
      return ALLOWED;
    }
    boolean root = principal.kind() == Kind.ROOT;
    // spec: D6 (anonymous has no identity, boundary, session policy or SCP); A1 (root has none).
    List<JsonNode> identity =
        anonymous || root ? List.of() : docs(c.get("identityPolicies"), named);
    Optional<JsonNode> resourcePolicy = doc(c.get("resourcePolicy"), named);
    Optional<JsonNode> boundary =
        anonymous || root ? Optional.empty() : doc(c.get("permissionBoundary"), named);
    Optional<JsonNode> session =
        principal.isSession() ? doc(c.get("sessionPolicy"), named) : Optional.empty();
    List<List<JsonNode>> scps = anonymous ? List.of() : levels(c.get("scps"), named);
    List<List<JsonNode>> rcps = levels(c.get("rcps"), named);

    // 1. Deny evaluation over every applicable policy (spec: policy-eval-denyallow).
    List<JsonNode> all = new ArrayList<>(identity);
    boundary.ifPresent(all::add);
    session.ifPresent(all::add);
    scps.forEach(all::addAll);
    if (anyStatement(all, "Deny", false)) {
      return EXPLICITLY_DENIED;
    }
    List<JsonNode> withPrincipals = new ArrayList<>();
    resourcePolicy.ifPresent(withPrincipals::add);
    rcps.forEach(withPrincipals::addAll);
    if (anyStatement(withPrincipals, "Deny", boundary.isPresent())) {
      return EXPLICITLY_DENIED;
    }

    // 2. RCPs: RCPFullAWSAccess sits at every level, so only their denies (above) matter.
    // 3. SCPs: every level on the path needs an applicable Allow.
    for (List<JsonNode> level : scps) {
      if (!anyStatement(level, "Allow", false)) {
        return IMPLICITLY_DENIED;
      }
    }

    // 4. Resource-based, identity-based, boundary and session policy (spec: A4-A9).
    boolean boundaryAllows =
        boundary.isEmpty() || anyStatement(List.of(boundary.get()), "Allow", false);
    boolean sessionAllows;
    if (session.isPresent()) {
      sessionAllows = anyStatement(List.of(session.get()), "Allow", false);
    } else {
      // spec: STS GetFederationToken: no session policy, no permissions
      sessionAllows = principal.kind() != Kind.FEDERATED_USER;
    }
    boolean identityAllows = root || anyStatement(identity, "Allow", false);
    boolean identitySide = !anonymous && identityAllows && boundaryAllows && sessionAllows;

    Optional<Naming> naming = resourcePolicy.flatMap(this::strongestAllowNaming);
    if (anonymous) {
      return naming.isPresent() ? ALLOWED : IMPLICITLY_DENIED;
    }
    String resourceAccount =
        request.hasNonNull("resourceAccount")
            ? request.get("resourceAccount").asText()
            : principal.account();
    boolean sameAccount = resourceAccount.equals(principal.account());
    boolean allowed;
    if (sameAccount) {
      boolean resourceSide =
          naming.isPresent()
              && switch (naming.get()) {
                case DIRECT -> true;
                case EVERYONE -> boundaryAllows;
                case ROLE -> boundaryAllows && sessionAllows;
                case ACCOUNT -> false;
              };
      // spec: role trust policies and KMS key policies must allow the principal explicitly (A4)
      allowed =
          needsResourcePolicy()
              ? resourceSide || (naming.isPresent() && identitySide)
              : resourceSide || identitySide;
    } else {
      // spec: cross-account evaluation: both sides must allow (A6)
      allowed = identitySide && naming.isPresent();
    }
    return allowed ? ALLOWED : IMPLICITLY_DENIED;
  }

  private boolean needsResourcePolicy() {
    String a = action.toLowerCase(Locale.ROOT);
    // spec: KMS: a key's key policy must allow; aliases and resource-less actions use IAM alone
    return a.matches("sts:assumerole(withsaml|withwebidentity)?")
        || (a.startsWith("kms:") && resource.matches("arn:[^:]*:kms:[^:]*:[^:]*:key/.*"));
  }

  private Optional<Naming> strongestAllowNaming(JsonNode policy) {
    Optional<Naming> best = Optional.empty();
    boolean variables = isVersion2012(policy);
    for (JsonNode statement : statements(policy)) {
      if (!statement.path("Effect").asText().equals("Allow")
          || !statementMatchesRequest(statement, variables)) {
        continue;
      }
      // spec: D23 NotPrincipal page: Allow with NotPrincipal allows all principals except those
      // named (discouraged, and rejected by most services today).
      Optional<Naming> n =
          statement.has("NotPrincipal")
              ? (principal.excludedBy(statement.get("NotPrincipal"))
                  ? Optional.empty()
                  : Optional.of(Naming.DIRECT))
              : principal.namedBy(statement.get("Principal"));
      if (n.isPresent() && (best.isEmpty() || n.get().compareTo(best.get()) < 0)) {
        best = n;
      }
    }
    return best;
  }

  /** Whether some statement with this effect applies, checking Principal where present. */
  private boolean anyStatement(List<JsonNode> policies, String effect, boolean hasBoundary) {
    for (JsonNode policy : policies) {
      boolean variables = isVersion2012(policy);
      for (JsonNode statement : statements(policy)) {
        if (!statement.path("Effect").asText().equals(effect)) {
          continue;
        }
        if (statement.has("Principal") && principal.namedBy(statement.get("Principal")).isEmpty()) {
          continue;
        }
        // spec: access_policies_boundaries "Important": NotPrincipal + Deny always denies a
        // principal with a permission boundary.
        if (statement.has("NotPrincipal")
            && !(effect.equals("Deny") && hasBoundary)
            && principal.excludedBy(statement.get("NotPrincipal"))) {
          continue;
        }
        if (statementMatchesRequest(statement, variables)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean statementMatchesRequest(JsonNode statement, boolean variables) {
    return actionMatches(statement)
        && resourceMatches(statement, variables)
        && ReferenceConditions.matches(statement.get("Condition"), variables, context);
  }

  // spec: reference_policies_elements_action: case-insensitive, * and ? anywhere
  private boolean actionMatches(JsonNode statement) {
    if (statement.has("Action")) {
      return anyText(statement.get("Action"), a -> glob(a, action, true));
    }
    return !anyText(statement.get("NotAction"), a -> glob(a, action, true));
  }

  // spec: reference_policies_elements_resource / notresource; variables only with 2012-10-17
  private boolean resourceMatches(JsonNode statement, boolean variables) {
    if (statement.has("Resource")) {
      return anyText(statement.get("Resource"), r -> resourceEntryMatches(r, variables));
    }
    if (statement.has("NotResource")) {
      return !anyText(statement.get("NotResource"), r -> resourceEntryMatches(r, variables));
    }
    return true; // a trust policy names no resource: it is the role itself
  }

  /**
   * Variables are substituted only in the resource part, after the fifth colon (spec:
   * reference_policies_variables, C4); before it "${...}" is read as literal text [inf].
   */
  private boolean resourceEntryMatches(String entry, boolean variables) {
    int colons = 0;
    int split = -1;
    for (int i = 0; i < entry.length() && split < 0; i++) {
      if (entry.charAt(i) == ':' && ++colons == 5) {
        split = i + 1;
      }
    }
    if (!variables || split < 0) {
      return ReferencePatterns.globMatches(entry, resource, false, false, context);
    }
    Optional<String> head =
        ReferencePatterns.regex(entry.substring(0, split), false, true, context);
    Optional<String> tail = ReferencePatterns.regex(entry.substring(split), true, true, context);
    if (head.isEmpty() || tail.isEmpty()) {
      return false;
    }
    return java.util.regex.Pattern.compile(head.get() + tail.get(), java.util.regex.Pattern.DOTALL)
        .matcher(resource)
        .matches();
  }

  private boolean glob(String pattern, String value, boolean ignoreCase) {
    return ReferencePatterns.globMatches(pattern, value, false, ignoreCase, context);
  }

  private interface TextTest {
    boolean test(String s);
  }

  private static boolean anyText(JsonNode node, TextTest test) {
    if (node == null) {
      return false;
    }
    if (node.isArray()) {
      for (JsonNode n : node) {
        if (test.test(n.asText())) {
          return true;
        }
      }
      return false;
    }
    return test.test(node.asText());
  }

  // spec: reference_policies_variables: variables only under Version 2012-10-17
  private static boolean isVersion2012(JsonNode policy) {
    return policy.path("Version").asText().equals("2012-10-17");
  }

  private static List<JsonNode> statements(JsonNode policy) {
    JsonNode s = policy.path("Statement");
    List<JsonNode> out = new ArrayList<>();
    if (s.isArray()) {
      s.forEach(out::add);
    } else if (s.isObject()) {
      out.add(s);
    }
    return out;
  }

  private static Optional<JsonNode> doc(JsonNode node, Map<String, JsonNode> named) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isTextual()) {
      JsonNode policy = named.get(node.asText());
      if (policy == null) {
        throw new IllegalArgumentException("unknown named policy " + node.asText());
      }
      return Optional.of(policy);
    }
    return Optional.of(node);
  }

  private static List<JsonNode> docs(JsonNode node, Map<String, JsonNode> named) {
    List<JsonNode> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(n -> doc(n, named).ifPresent(out::add));
    }
    return out;
  }

  private static List<List<JsonNode>> levels(JsonNode node, Map<String, JsonNode> named) {
    List<List<JsonNode>> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(level -> out.add(docs(level, named)));
    }
    return out;
  }
}
