package dev.gatehouse.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A statement's action patterns, compiled: per lower-cased service prefix a set of exact names plus
 * name globs; patterns whose service part has a wildcard are kept as full globs (spec:
 * reference_policies_elements_action, case-insensitive, {@code *} and {@code ?}).
 */
final class ActionMatcher {
  static final class Names {
    final Set<String> exact = new HashSet<>();
    final List<Wildcard.Matcher> globs = new ArrayList<>();
    boolean any;

    boolean test(String name) {
      if (any || exact.contains(name)) {
        return true;
      }
      for (int i = 0; i < globs.size(); i++) {
        if (globs.get(i).test(name)) {
          return true;
        }
      }
      return false;
    }
  }

  private final Map<String, Names> byService = new HashMap<>();
  private final List<Wildcard.Matcher> fullGlobs = new ArrayList<>();
  private final boolean all;

  ActionMatcher(List<String> patterns) {
    boolean matchAll = false;
    for (String raw : patterns) {
      String p = raw.toLowerCase(Locale.ROOT);
      int colon = p.indexOf(':');
      if (p.equals("*")) {
        matchAll = true;
      } else if (colon < 0
          || p.substring(0, colon).indexOf('*') >= 0
          || p.substring(0, colon).indexOf('?') >= 0) {
        fullGlobs.add(Wildcard.compile(p));
      } else {
        Names names = byService.computeIfAbsent(p.substring(0, colon), k -> new Names());
        String name = p.substring(colon + 1);
        Wildcard.Matcher m = Wildcard.compile(name);
        if (m instanceof Wildcard.Any) {
          names.any = true;
        } else if (m instanceof Wildcard.Exact) {
          names.exact.add(name);
        } else {
          names.globs.add(m);
        }
      }
    }
    this.all = matchAll;
  }

  /** The name matcher for one service, or null; valid only when {@link #services()} is set. */
  Names names(String service) {
    return byService.get(service);
  }

  /** The services this matcher can match, or empty when it may match any service. */
  Set<String> services() {
    return all || !fullGlobs.isEmpty() ? Set.of() : byService.keySet();
  }

  boolean test(AuthorizationRequest r) {
    if (all) {
      return true;
    }
    Names names = byService.get(r.service());
    if (names != null && names.test(r.actionName())) {
      return true;
    }
    for (int i = 0; i < fullGlobs.size(); i++) {
      if (fullGlobs.get(i).test(r.actionLower())) {
        return true;
      }
    }
    return false;
  }
}
