package dev.gatehouse.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON to {@link Policy}, validated in the order IAM validates, so that a document with several
 * faults gets the message IAM gives (recorded in the moto-derived validation corpus): syntax,
 * version, legacy parsing, Sid uniqueness, actions present, resource format, action format,
 * resources present, then the kind's own rules (spec: reference_policies_grammar).
 */
final class PolicyParser {
  static final String SYNTAX = "Syntax errors in policy.";
  static final String VERSION = "Policy document must be version 2012-10-17 or greater.";
  static final String LEGACY = "The policy failed legacy parsing";
  static final String SID_UNIQUE = "Statement IDs (SID) in a single policy must be unique.";
  static final String NEED_ACTIONS = "Policy statement must contain actions.";
  static final String NEED_RESOURCES = "Policy statement must contain resources.";
  static final String NEED_PRINCIPAL = "Missing required field Principal.";
  static final String TRUST_ACTIONS =
      "Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and"
          + " sts:AssumeRoleWithWebIdentity";
  static final String TRUST_RESOURCE = "Has prohibited field Resource.";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final Set<String> TOP_KEYS = Set.of("Version", "Id", "Statement");
  private static final Set<String> STATEMENT_KEYS =
      Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");

  private PolicyParser() {}

  static Policy parse(String json, PolicyKind kind, ValidationMode mode) {
    if (mode == ValidationMode.STRICT) {
      PolicyLimits.check(json, kind);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new MalformedPolicyException(SYNTAX);
    }
    if (root == null || !root.isObject()) {
      throw new MalformedPolicyException(SYNTAX);
    }
    StatementNodes statements = syntax(root, kind);
    PolicyVersion version =
        root.has("Version")
            ? PolicyVersion.fromText(root.get("Version").asText()).orElseThrow()
            : PolicyVersion.ABSENT;
    if (version != PolicyVersion.V2012_10_17
        && mode == ValidationMode.STRICT
        && kind != PolicyKind.RESOURCE
        && kind != PolicyKind.TRUST) {
      throw new MalformedPolicyException(VERSION, "/Version");
    }
    ResourceFormat.checkLegacyAndFormats(statements);
    sidUniqueness(statements);
    actionsPresent(statements);
    ResourceFormat.throwFirstError(statements);
    ActionFormat.check(statements, "Action");
    ActionFormat.check(statements, "NotAction");
    resourcesPresent(statements, kind);
    KindRules.check(statements, kind, mode);
    List<Statement> parsed = new ArrayList<>(statements.size());
    for (JsonNode s : statements.nodes()) {
      parsed.add(statement(s));
    }
    Policy policy = new Policy(version, parsed);
    return root.has("Id") ? policy.withId(root.get("Id").asText()) : policy;
  }

  /** Every structural check; any failure is IAM's generic syntax error. */
  private static StatementNodes syntax(JsonNode root, PolicyKind kind) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!TOP_KEYS.contains(key)) {
        throw new MalformedPolicyException(SYNTAX, "/" + key);
      }
    }
    JsonNode version = root.get("Version");
    if (version != null
        && (!version.isTextual() || PolicyVersion.fromText(version.asText()).isEmpty())) {
      throw new MalformedPolicyException(SYNTAX, "/Version");
    }
    JsonNode id = root.get("Id");
    if (id != null && !id.isTextual()) {
      throw new MalformedPolicyException(SYNTAX, "/Id");
    }
    JsonNode statement = root.get("Statement");
    StatementNodes statements;
    if (statement == null) {
      throw new MalformedPolicyException(SYNTAX, "/Statement");
    } else if (statement.isObject()) {
      statements = new StatementNodes(List.of(statement), false);
    } else if (statement.isArray() && !statement.isEmpty()) {
      List<JsonNode> nodes = new ArrayList<>();
      statement.forEach(nodes::add);
      statements = new StatementNodes(nodes, true);
    } else {
      throw new MalformedPolicyException(SYNTAX, "/Statement");
    }
    for (int i = 0; i < statements.size(); i++) {
      statementSyntax(statements.get(i), kind, statements.pointer(i));
    }
    return statements;
  }

  private static void statementSyntax(JsonNode s, PolicyKind kind, String at) {
    if (!s.isObject()) {
      throw new MalformedPolicyException(SYNTAX, at);
    }
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      boolean principalKey =
          key.equals("Principal")
              || (key.equals("NotPrincipal")
                  && (kind == PolicyKind.RESOURCE || kind == PolicyKind.RCP));
      if (!STATEMENT_KEYS.contains(key) && !(principalKey && kind.hasPrincipals())) {
        throw new MalformedPolicyException(SYNTAX, at + "/" + key);
      }
    }
    if ((s.has("Resource") && s.has("NotResource"))
        || (s.has("Action") && s.has("NotAction"))
        || (s.has("Principal") && s.has("NotPrincipal"))) {
      throw new MalformedPolicyException(SYNTAX, at);
    }
    JsonNode effect = s.get("Effect");
    if (effect == null
        || !effect.isTextual()
        || !(effect.asText().equalsIgnoreCase("allow")
            || effect.asText().equalsIgnoreCase("deny"))) {
      throw new MalformedPolicyException(SYNTAX, at + "/Effect");
    }
    for (String key : List.of("Action", "NotAction", "Resource", "NotResource")) {
      stringOrList(s.get(key), at + "/" + key);
    }
    JsonNode sid = s.get("Sid");
    if (sid != null && !sid.isTextual()) {
      throw new MalformedPolicyException(SYNTAX, at + "/Sid");
    }
    for (String key : List.of("Principal", "NotPrincipal")) {
      if (s.has(key)) {
        principalSyntax(s.get(key), at + "/" + key);
      }
    }
    JsonNode condition = s.get("Condition");
    if (condition != null) {
      ConditionSyntax.check(condition, at + "/Condition");
    }
  }

  private static void stringOrList(JsonNode node, String at) {
    if (node == null || node.isTextual()) {
      return;
    }
    if (!node.isArray()) {
      throw new MalformedPolicyException(SYNTAX, at);
    }
    for (int i = 0; i < node.size(); i++) {
      JsonNode e = node.get(i);
      if (!e.isTextual() && !e.isNull()) {
        throw new MalformedPolicyException(SYNTAX, at + "/" + i);
      }
    }
  }

  private static void principalSyntax(JsonNode p, String at) {
    if (p.isTextual() && p.asText().equals("*")) {
      return;
    }
    if (!p.isObject() || p.isEmpty()) {
      throw new MalformedPolicyException(SYNTAX, at);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      String where = at + "/" + e.getKey();
      if (PrincipalType.fromText(e.getKey()).isEmpty()) {
        throw new MalformedPolicyException(SYNTAX, where);
      }
      if (v.isTextual()) {
        continue;
      }
      if (!v.isArray() || v.isEmpty()) {
        throw new MalformedPolicyException(SYNTAX, where);
      }
      for (JsonNode x : v) {
        if (!x.isTextual()) {
          throw new MalformedPolicyException(SYNTAX, where);
        }
      }
    }
  }

  private static void sidUniqueness(StatementNodes statements) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < statements.size(); i++) {
      JsonNode sid = statements.get(i).get("Sid");
      if (sid != null && !sid.asText().isEmpty() && !seen.add(sid.asText())) {
        throw new MalformedPolicyException(SID_UNIQUE, statements.pointer(i) + "/Sid");
      }
    }
  }

  private static void actionsPresent(StatementNodes statements) {
    for (int i = 0; i < statements.size(); i++) {
      JsonNode s = statements.get(i);
      if (!present(s, "Action") && !present(s, "NotAction")) {
        throw new MalformedPolicyException(NEED_ACTIONS, statements.pointer(i));
      }
    }
  }

  private static void resourcesPresent(StatementNodes statements, PolicyKind kind) {
    if (kind == PolicyKind.RESOURCE || kind == PolicyKind.TRUST) {
      return;
    }
    for (int i = 0; i < statements.size(); i++) {
      JsonNode s = statements.get(i);
      if (!present(s, "Resource") && !present(s, "NotResource")) {
        throw new MalformedPolicyException(NEED_RESOURCES, statements.pointer(i));
      }
    }
  }

  /** Present and, when a list, with a non-null element (a lone empty string counts). */
  static boolean present(JsonNode s, String key) {
    JsonNode n = s.get(key);
    if (n == null) {
      return false;
    }
    if (!n.isArray()) {
      return true;
    }
    for (JsonNode e : n) {
      if (!e.isNull()) {
        return true;
      }
    }
    return false;
  }

  /** The element's strings; JSON nulls in a list are ignored. */
  static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode e : node) {
        if (!e.isNull()) {
          out.add(e.asText());
        }
      }
    } else {
      out.add(node.asText());
    }
    return out;
  }

  private static Statement statement(JsonNode s) {
    Effect effect = s.get("Effect").asText().equals("Allow") ? Effect.ALLOW : Effect.DENY;
    PrincipalElement principal = new PrincipalElement.None();
    if (s.has("Principal")) {
      principal = new PrincipalElement.Principals(principalSet(s.get("Principal")));
    } else if (s.has("NotPrincipal")) {
      principal = new PrincipalElement.NotPrincipals(principalSet(s.get("NotPrincipal")));
    }
    ActionElement action =
        s.has("Action")
            ? new ActionElement.Actions(strings(s.get("Action")))
            : new ActionElement.NotActions(strings(s.get("NotAction")));
    ResourceElement resource = new ResourceElement.None();
    if (s.has("Resource")) {
      resource = new ResourceElement.Resources(strings(s.get("Resource")));
    } else if (s.has("NotResource")) {
      resource = new ResourceElement.NotResources(strings(s.get("NotResource")));
    }
    List<ConditionClause> conditions =
        s.has("Condition") ? ConditionSyntax.clauses(s.get("Condition")) : List.of();
    Statement statement = new Statement(effect, principal, action, resource, conditions);
    return s.has("Sid") ? statement.withSid(s.get("Sid").asText()) : statement;
  }

  private static PrincipalSet principalSet(JsonNode p) {
    if (p.isTextual()) {
      return new PrincipalSet.Everyone();
    }
    List<PrincipalSet.Entry> entries = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = p.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      entries.add(
          new PrincipalSet.Entry(
              PrincipalType.fromText(e.getKey()).orElseThrow(), strings(e.getValue())));
    }
    return new PrincipalSet.Named(entries);
  }
}
