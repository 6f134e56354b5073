package dev.gatehouse.policy;

import java.util.List;

/**
 * A statement's resource patterns: case-sensitive globs over the whole ARN, where {@code *} also
 * matches {@code /} and {@code :} (spec: reference_policies_elements_resource). Policy variables
 * are allowed only in the resource part, after the fifth colon (spec: variables, "Resource").
 */
final class ResourceMatcher {
  /** Patterns without wildcards. */
  private final String[] exact;

  /** The literals of {@code literal*} patterns. */
  private final String[] prefixes;

  /** The other patterns without policy variables. */
  private final Wildcard.Matcher[] plain;

  private final Template[] templates;

  /** A {@code "*"} among the patterns: every resource matches, nothing else need be read. */
  private final boolean all;

  ResourceMatcher(List<String> patterns, boolean variables) {
    int n = patterns.size();
    Wildcard.Matcher[] p = new Wildcard.Matcher[n];
    Template[] t = new Template[n];
    int pc = 0;
    int tc = 0;
    boolean star = false;
    for (String s : patterns) {
      star |= s.equals("*");
      Template template = variables ? Template.parseOrNull(s, resourcePartStart(s)) : null;
      if (template == null) {
        p[pc++] = Wildcard.compile(s);
      } else {
        t[tc++] = template;
      }
    }
    // Split by kind so that the common forms are tested without a call through the interface.
    java.util.List<String> e = new java.util.ArrayList<>();
    java.util.List<String> pre = new java.util.ArrayList<>();
    java.util.List<Wildcard.Matcher> rest = new java.util.ArrayList<>();
    for (int i = 0; i < pc; i++) {
      if (p[i] instanceof Wildcard.Exact x) {
        e.add(x.literal());
      } else if (p[i] instanceof Wildcard.Prefix x) {
        pre.add(x.literal());
      } else {
        rest.add(p[i]);
      }
    }
    this.exact = e.toArray(new String[0]);
    this.prefixes = pre.toArray(new String[0]);
    this.plain = rest.toArray(new Wildcard.Matcher[0]);
    this.templates = java.util.Arrays.copyOf(t, tc);
    this.all = star;
  }

  private static int resourcePartStart(String arn) {
    int at = 0;
    for (int i = 0; i < 5; i++) {
      int c = arn.indexOf(':', at);
      if (c < 0) {
        return arn.length();
      }
      at = c + 1;
    }
    return at;
  }

  boolean test(String resource, RequestContext context) {
    if (all) {
      return true;
    }
    for (String x : prefixes) {
      if (resource.startsWith(x)) {
        return true;
      }
    }
    for (String x : exact) {
      if (resource.equals(x)) {
        return true;
      }
    }
    for (Wildcard.Matcher m : plain) {
      if (m.test(resource)) {
        return true;
      }
    }
    for (Template t : templates) {
      Template.Resolved r = t.resolve(context);
      if (r != null && Wildcard.matches(resource, r.pattern(), r.literal())) {
        return true;
      }
    }
    return false;
  }
}
