package dev.gatehouse.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One condition clause, pre-parsed: numbers, dates, CIDRs and base64 values are decoded once, like
 * patterns compiled; only the request's values are read at evaluation (spec:
 * reference_policies_elements_condition_operators and multi-value-conditions).
 */
final class CompiledCondition {
  private final ConditionClause clause;
  private final String keyLower;
  private final ConditionOperator op;
  private final ConditionOperator.Family family;
  private final ConditionOperator.Comparison comparison;
  private final SetQualifier qualifier;
  private final boolean negated;
  private final boolean ifExists;
  private final String[] text;
  private final Template[] templates;
  private final Wildcard.Matcher[] globs;
  private final BigDecimal[] numbers;
  private final Instant[] dates;
  private final Cidr[] cidrs;
  private final byte[][] binaries;

  CompiledCondition(ConditionClause clause, boolean variables) {
    this.clause = clause;
    this.keyLower = clause.key().toLowerCase(Locale.ROOT);
    this.op = clause.operator();
    this.family = op.family();
    this.comparison = op.comparison();
    this.qualifier = clause.qualifier();
    this.negated = op.negated();
    this.ifExists = clause.ifExists();
    List<String> values = clause.values();
    int n = values.size();
    text = values.toArray(new String[0]);
    templates = new Template[n];
    globs = new Wildcard.Matcher[n];
    numbers = new BigDecimal[n];
    dates = new Instant[n];
    cidrs = new Cidr[n];
    binaries = new byte[n][];
    for (int i = 0; i < n; i++) {
      String v = text[i];
      if (variables && family.supportsVariables()) {
        templates[i] = Template.parseOrNull(v, 0);
      }
      switch (family) {
        case STRING -> globs[i] = Wildcard.compile(v);
        case NUMERIC -> numbers[i] = number(v).orElse(null);
        case DATE -> dates[i] = DateValue.parse(v).orElse(null);
        case IP_ADDRESS -> cidrs[i] = Cidr.parse(v).orElse(null);
        case BINARY -> binaries[i] = base64(v).orElse(null);
        case BOOL, ARN, NULL -> {}
      }
    }
  }

  ConditionClause clause() {
    return clause;
  }

  static Optional<BigDecimal> number(String s) {
    try {
      return Optional.of(new BigDecimal(s.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<byte[]> base64(String s) {
    try {
      return Optional.of(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  boolean test(RequestContext context) {
    RequestContext.Value v = context.lookup(keyLower);
    boolean absent = v == null || v.values.length == 0;
    if (family == ConditionOperator.Family.NULL) {
      // spec: Null "true" means the key is absent, "false" that it is present.
      for (String t : text) {
        if (t.equalsIgnoreCase("true") ? absent : t.equalsIgnoreCase("false") && !absent) {
          return true;
        }
      }
      return false;
    }
    if (absent) {
      if (ifExists) {
        return true;
      }
      return switch (qualifier) {
        case FOR_ALL_VALUES -> true; // spec: also true when the key is missing or empty
        case FOR_ANY_VALUE -> false;
        case NONE -> negated; // spec: a missing key makes negated operators true
      };
    }
    String[] request = v.values;
    switch (qualifier) {
      case FOR_ALL_VALUES -> {
        for (String r : request) {
          if (matchesAny(r, context) == negated) {
            return false;
          }
        }
        return true;
      }
      case FOR_ANY_VALUE -> {
        for (String r : request) {
          if (matchesAny(r, context) != negated) {
            return true;
          }
        }
        return false;
      }
      default -> {
        // [inf] A plain operator on several request values: positive when any value matches,
        // negated when none does.
        boolean any = false;
        for (String r : request) {
          if (matchesAny(r, context)) {
            any = true;
            break;
          }
        }
        return any != negated;
      }
    }
  }

  /** Whether the request value matches at least one policy value (the operator's positive form). */
  private boolean matchesAny(String r, RequestContext context) {
    for (int i = 0; i < text.length; i++) {
      if (templates[i] != null) {
        Template.Resolved resolved = templates[i].resolve(context);
        if (resolved != null && matchesResolved(r, resolved)) {
          return true;
        }
      } else if (matches(r, i)) {
        return true;
      }
    }
    return false;
  }

  private boolean matchesResolved(String r, Template.Resolved p) {
    return switch (family) {
      case STRING ->
          switch (comparison) {
            case LIKE -> Wildcard.matches(r, p.pattern(), p.literal());
            case IGNORE_CASE -> r.equalsIgnoreCase(p.pattern());
            default -> r.equals(p.pattern());
          };
      case ARN -> arnMatches(r, p.pattern(), p.literal());
      case BOOL -> r.equalsIgnoreCase(p.pattern());
      default -> false;
    };
  }

  private boolean matches(String r, int i) {
    switch (family) {
      case STRING -> {
        return switch (comparison) {
          case LIKE -> globs[i].test(r);
          case IGNORE_CASE -> r.equalsIgnoreCase(text[i]);
          default -> r.equals(text[i]);
        };
      }
      case BOOL -> {
        return r.equalsIgnoreCase(text[i]);
      }
      case ARN -> {
        return arnMatches(r, text[i], null);
      }
      case NUMERIC -> {
        Optional<BigDecimal> n = numbers[i] == null ? Optional.empty() : number(r);
        return n.isPresent() && compare(n.get().compareTo(numbers[i]));
      }
      case DATE -> {
        Optional<Instant> d = dates[i] == null ? Optional.empty() : DateValue.parse(r);
        return d.isPresent() && compare(d.get().compareTo(dates[i]));
      }
      case IP_ADDRESS -> {
        Optional<byte[]> a = cidrs[i] == null ? Optional.empty() : Cidr.address(r);
        return a.isPresent() && cidrs[i].contains(a.get());
      }
      case BINARY -> {
        Optional<byte[]> b = binaries[i] == null ? Optional.empty() : base64(r);
        return b.isPresent() && Arrays.equals(b.get(), binaries[i]);
      }
      case NULL -> {
        return false;
      }
    }
    return false;
  }

  private boolean compare(int c) {
    return switch (comparison) {
      case LESS -> c < 0;
      case LESS_EQUALS -> c <= 0;
      case GREATER -> c > 0;
      case GREATER_EQUALS -> c >= 0;
      default -> c == 0;
    };
  }

  /**
   * ARN operators match component by component: the first five colons split both sides, and {@code
   * *} never crosses a colon (spec: operators, ARN; the {@code finance/*} example).
   */
  static boolean arnMatches(String value, String pattern, boolean[] literal) {
    if (pattern.equals("*") && literal == null) {
      return true;
    }
    int vs = 0;
    int ps = 0;
    for (int part = 0; part < 6; part++) {
      int ve = part == 5 ? value.length() : value.indexOf(':', vs);
      int pe = part == 5 ? pattern.length() : pattern.indexOf(':', ps);
      if (ve < 0 || pe < 0) {
        return false;
      }
      boolean[] slice = literal == null ? null : Arrays.copyOfRange(literal, ps, pe);
      if (!Wildcard.matches(value.substring(vs, ve), pattern.substring(ps, pe), slice)) {
        return false;
      }
      vs = ve + 1;
      ps = pe + 1;
    }
    return true;
  }
}
