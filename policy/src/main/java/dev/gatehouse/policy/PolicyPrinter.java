package dev.gatehouse.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Canonical JSON for a policy: elements in grammar order, {@code Statement} always an array, a
 * one-element list as a plain string. Parsing the output gives an equal {@link Policy}.
 */
final class PolicyPrinter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private PolicyPrinter() {}

  static String toJson(Policy policy) {
    return write(
        g -> {
          g.writeStartObject();
          if (policy.version().text().isPresent()) {
            g.writeStringField("Version", policy.version().text().get());
          }
          if (policy.id().isPresent()) {
            g.writeStringField("Id", policy.id().get());
          }
          g.writeArrayFieldStart("Statement");
          for (Statement s : policy.statements()) {
            statement(g, s);
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  static String statementJson(Statement s) {
    return write(g -> statement(g, s));
  }

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void statement(JsonGenerator g, Statement s) throws IOException {
    g.writeStartObject();
    if (s.sid().isPresent()) {
      g.writeStringField("Sid", s.sid().get());
    }
    g.writeStringField("Effect", s.effect().text());
    PrincipalElement p = s.principal();
    if (p instanceof PrincipalElement.Principals ps) {
      g.writeFieldName("Principal");
      principals(g, ps.set());
    } else if (p instanceof PrincipalElement.NotPrincipals np) {
      g.writeFieldName("NotPrincipal");
      principals(g, np.set());
    }
    ActionElement a = s.action();
    strings(g, a instanceof ActionElement.Actions ? "Action" : "NotAction", a.patterns());
    ResourceElement r = s.resource();
    if (r instanceof ResourceElement.Resources rs) {
      strings(g, "Resource", rs.patterns());
    } else if (r instanceof ResourceElement.NotResources nr) {
      strings(g, "NotResource", nr.patterns());
    }
    List<ConditionClause> conditions = s.conditions();
    if (!conditions.isEmpty()) {
      g.writeObjectFieldStart("Condition");
      String open = null;
      for (ConditionClause c : conditions) {
        String op = c.operatorText();
        if (!op.equals(open)) {
          if (open != null) {
            g.writeEndObject();
          }
          g.writeObjectFieldStart(op);
          open = op;
        }
        strings(g, c.key(), c.values());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void principals(JsonGenerator g, PrincipalSet set) throws IOException {
    if (set instanceof PrincipalSet.Named n) {
      g.writeStartObject();
      for (PrincipalSet.Entry e : n.entries()) {
        strings(g, e.type().text(), e.values());
      }
      g.writeEndObject();
    } else {
      g.writeString("*");
    }
  }

  private static void strings(JsonGenerator g, String field, List<String> values)
      throws IOException {
    if (values.size() == 1) {
      g.writeStringField(field, values.get(0));
      return;
    }
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
