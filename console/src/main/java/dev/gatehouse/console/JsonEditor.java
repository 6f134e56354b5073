package dev.gatehouse.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.policy.MalformedPolicyException;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyFinding;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.PolicyLinter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy JSON editor: a monospace text area (the script adds line numbers, a Format button and
 * a live JSON syntax check) and the validation findings of the policy module: the error that makes
 * the document invalid (AWS's MalformedPolicyDocument text with where) and warnings such as unknown
 * actions (as {@code gatehouse policy validate} prints them).
 */
public final class JsonEditor {
  private JsonEditor() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What validation found: an error (invalid document) or warnings (valid, but suspicious). */
  public record Findings(List<String> errors, List<String> warnings) {
    public boolean valid() {
      return errors.isEmpty();
    }
  }

  /** Validates a document as a policy of the given kind. */
  public static Findings validate(String document, PolicyKind kind) {
    try {
      Policy policy = Policy.parse(document, kind);
      List<String> warnings = new ArrayList<>();
      for (PolicyFinding f : PolicyLinter.findings(policy)) {
        warnings.add(f.message() + " (at " + f.pointer() + ")");
      }
      return new Findings(List.of(), warnings);
    } catch (MalformedPolicyException e) {
      return new Findings(List.of(e.errorCode() + ": " + e.describe()), List.of());
    }
  }

  /** Renders the editor (a labelled text area) and the findings above it. */
  public static void render(Html h, String name, String label, String document, Findings findings) {
    h.open("div", "class", "json-editor");
    if (!findings.errors().isEmpty() || !findings.warnings().isEmpty()) {
      h.open("div", "class", "findings", "data-testid", "findings", "role", "status");
      h.element("h3", findings.valid() ? "Warnings" : "Errors");
      h.open("ul");
      for (String e : findings.errors()) {
        h.element("li", e, "class", "finding-error");
      }
      for (String w : findings.warnings()) {
        h.element("li", w, "class", "finding-warning");
      }
      h.close("ul").close("div");
    }
    Forms.textarea(
        h,
        name,
        label,
        document,
        "JSON policy language. Use Format to indent; the check runs as you type.",
        "rows",
        "18",
        "spellcheck",
        "false",
        "class",
        "code",
        "data-json-editor",
        "");
    h.element(
        "p", "", "class", "json-status", "aria-live", "polite", "id", Forms.id(name) + "-status");
    h.close("div");
  }

  /** No findings (a fresh editor). */
  public static Findings none() {
    return new Findings(List.of(), List.of());
  }

  /** A document indented for reading; the text itself when it is not JSON. */
  public static String pretty(String document) {
    try {
      JsonNode node = JSON.readTree(document);
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return document;
    }
  }

  /** A document as IAM responses carry it (URL-encoded), decoded and indented. */
  public static String decoded(String urlEncoded) {
    return pretty(URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8));
  }
}
