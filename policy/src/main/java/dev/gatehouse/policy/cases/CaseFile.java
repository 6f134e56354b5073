package dev.gatehouse.policy.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatehouse.policy.AuthorizationRequest;
import dev.gatehouse.policy.Caller;
import dev.gatehouse.policy.CompiledPolicy;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Outcome;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicySet;
import dev.gatehouse.policy.RequestContext;
import dev.gatehouse.policy.ValidationMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A policy case file (docs/POLICY-CASES.md): a JSON array of cases, an object {@code {"cases":
 * [...], "policies": {...}}}, or JSON lines. Named policies are compiled once per kind for the
 * whole file. Policies are validated as AWS evaluates them ({@link ValidationMode#EVALUATION}), so
 * legacy documents can be simulated.
 */
public final class CaseFile {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final List<PolicyCase> cases;

  private CaseFile(List<PolicyCase> cases) {
    this.cases = List.copyOf(cases);
  }

  /**
   * Parses a case file and prepares every case.
   *
   * @throws CaseFileException when the text is not a case file at all
   */
  public static CaseFile parse(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return new CaseFile(jsonLines(text));
    }
    if (root == null || root.isMissingNode()) {
      throw new CaseFileException("empty case file");
    }
    if (root.isArray()) {
      return new CaseFile(prepareAll(root, new Names(JSON.createObjectNode())));
    }
    if (root.isObject() && root.has("cases")) {
      JsonNode cases = root.get("cases");
      JsonNode policies = root.path("policies");
      if (!cases.isArray() || !(policies.isObject() || policies.isMissingNode())) {
        throw new CaseFileException("\"cases\" must be an array and \"policies\" an object");
      }
      return new CaseFile(
          prepareAll(cases, new Names(policies.isObject() ? policies : JSON.createObjectNode())));
    }
    if (root.isObject()) {
      return new CaseFile(jsonLines(text));
    }
    throw new CaseFileException("a case file is an array, an object with \"cases\", or JSON lines");
  }

  public List<PolicyCase> cases() {
    return cases;
  }

  private static List<PolicyCase> jsonLines(String text) {
    List<PolicyCase> out = new ArrayList<>();
    Names names = new Names(JSON.createObjectNode());
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new CaseFileException("line " + (i + 1) + ": not JSON");
      }
      if (!node.isObject()) {
        throw new CaseFileException("line " + (i + 1) + ": a case is a JSON object");
      }
      out.add(prepare(node, out.size(), names));
    }
    if (out.isEmpty()) {
      throw new CaseFileException("no cases");
    }
    return out;
  }

  private static List<PolicyCase> prepareAll(JsonNode cases, Names names) {
    List<PolicyCase> out = new ArrayList<>(cases.size());
    for (JsonNode c : cases) {
      out.add(prepare(c, out.size(), names));
    }
    return out;
  }

  /** The {@code policies} table, each name compiled once per kind on first use. */
  private static final class Names {
    private final JsonNode table;
    private final Map<String, CompiledPolicy> compiled = new HashMap<>();

    Names(JsonNode table) {
      this.table = table;
    }

    CompiledPolicy resolve(JsonNode doc, PolicyKind kind, String where) {
      if (doc.isTextual() && table.has(doc.asText())) {
        String name = doc.asText();
        String key = kind + " " + name;
        CompiledPolicy p = compiled.get(key);
        if (p == null) {
          p = compile(table.get(name), kind, name);
          compiled.put(key, p);
        }
        return p;
      }
      if (doc.isTextual() && !doc.asText().trim().startsWith("{")) {
        throw new CaseFileException(where + ": no policy named \"" + doc.asText() + "\"");
      }
      return compile(doc, kind, where);
    }

    private static CompiledPolicy compile(JsonNode doc, PolicyKind kind, String name) {
      String text = doc.isTextual() ? doc.asText() : doc.toString();
      try {
        return CompiledPolicy.compile(
            Policy.parse(text, kind, ValidationMode.EVALUATION), kind, name);
      } catch (MalformedPolicyException e) {
        throw new CaseFileException(name + ": " + e.errorCode() + ": " + e.describe());
      }
    }
  }

  private static PolicyCase prepare(JsonNode c, int index, Names names) {
    String id = c.has("id") ? c.get("id").asText() : Integer.toString(index);
    Optional<Outcome> expected = Optional.empty();
    try {
      if (!c.isObject()) {
        throw new CaseFileException("a case is a JSON object");
      }
      if (c.has("expected")) {
        try {
          expected = Optional.of(Outcome.fromWireName(c.get("expected").asText()));
        } catch (IllegalArgumentException e) {
          throw new CaseFileException("expected: " + e.getMessage());
        }
      }
      AuthorizationRequest request = request(c.path("request"));
      List<CompiledPolicy> identity = list(c, "identityPolicies", PolicyKind.IDENTITY, names);
      List<CompiledPolicy> resource = single(c, "resourcePolicy", PolicyKind.RESOURCE, names);
      List<CompiledPolicy> boundary = single(c, "permissionBoundary", PolicyKind.BOUNDARY, names);
      List<CompiledPolicy> session = single(c, "sessionPolicy", PolicyKind.SESSION, names);
      List<List<CompiledPolicy>> scps = levels(c, "scps", PolicyKind.SCP, names);
      List<List<CompiledPolicy>> rcps = levels(c, "rcps", PolicyKind.RCP, names);
      return PolicyCase.prepared(
          id, expected, request, new PolicySet(identity, resource, boundary, session, scps, rcps));
    } catch (CaseFileException e) {
      return PolicyCase.failed(id, expected, e.getMessage());
    }
  }

  private static AuthorizationRequest request(JsonNode r) {
    if (!r.isObject()) {
      throw new CaseFileException("request: missing");
    }
    String principal = text(r, "principal");
    Caller caller;
    try {
      caller = Caller.parse(principal);
    } catch (IllegalArgumentException e) {
      throw new CaseFileException("request.principal: " + e.getMessage());
    }
    String action = text(r, "action");
    if (action.indexOf(':') <= 0) {
      throw new CaseFileException("request.action: not service:action: " + action);
    }
    String resource = r.has("resource") ? text(r, "resource") : "*";
    String account = r.has("resourceAccount") ? text(r, "resourceAccount") : "";
    RequestContext.Builder context = RequestContext.builder();
    JsonNode ctx = r.path("context");
    if (!ctx.isMissingNode() && !ctx.isObject()) {
      throw new CaseFileException("request.context: must be an object");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = ctx.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isArray()) {
        List<String> values = new ArrayList<>();
        for (JsonNode x : v) {
          if (!x.isValueNode() || x.isNull()) {
            throw new CaseFileException("request.context." + e.getKey() + ": strings only");
          }
          values.add(x.asText());
        }
        context.putAll(e.getKey(), values);
      } else if (v.isValueNode() && !v.isNull()) {
        context.put(e.getKey(), v.asText());
      } else {
        throw new CaseFileException("request.context." + e.getKey() + ": string or array");
      }
    }
    return new AuthorizationRequest(caller, action, resource, account, context.build());
  }

  private static String text(JsonNode r, String field) {
    JsonNode v = r.get(field);
    if (v == null || !v.isTextual()) {
      throw new CaseFileException("request." + field + ": a string is required");
    }
    return v.asText();
  }

  private static List<CompiledPolicy> single(
      JsonNode c, String field, PolicyKind kind, Names names) {
    JsonNode doc = c.get(field);
    return doc == null || doc.isNull() ? List.of() : List.of(names.resolve(doc, kind, field));
  }

  private static List<CompiledPolicy> list(JsonNode c, String field, PolicyKind kind, Names names) {
    JsonNode docs = c.get(field);
    if (docs == null || docs.isNull()) {
      return List.of();
    }
    if (!docs.isArray()) {
      throw new CaseFileException(field + ": must be an array");
    }
    List<CompiledPolicy> out = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      out.add(names.resolve(docs.get(i), kind, field + "[" + i + "]"));
    }
    return out;
  }

  private static List<List<CompiledPolicy>> levels(
      JsonNode c, String field, PolicyKind kind, Names names) {
    JsonNode levels = c.get(field);
    if (levels == null || levels.isNull()) {
      return List.of();
    }
    if (!levels.isArray()) {
      throw new CaseFileException(field + ": must be an array of arrays");
    }
    List<List<CompiledPolicy>> out = new ArrayList<>(levels.size());
    for (int l = 0; l < levels.size(); l++) {
      JsonNode level = levels.get(l);
      if (!level.isArray()) {
        throw new CaseFileException(field + "[" + l + "]: must be an array");
      }
      List<CompiledPolicy> docs = new ArrayList<>(level.size());
      for (int i = 0; i < level.size(); i++) {
        docs.add(names.resolve(level.get(i), kind, field + "[" + l + "][" + i + "]"));
      }
      out.add(docs);
    }
    return out;
  }
}
