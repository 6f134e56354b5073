package dev.gatehouse.core.advisor;

import dev.gatehouse.policy.ActionElement;
import dev.gatehouse.policy.Effect;
import dev.gatehouse.policy.Policy;
import dev.gatehouse.policy.PolicyKind;
import dev.gatehouse.policy.ServiceReference;
import dev.gatehouse.policy.Statement;
import dev.gatehouse.policy.ValidationMode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The services and actions a set of identity policies allows, as access advisor lists them. spec:
 * IAM User Guide, "Viewing last accessed information for IAM": the report lists the services the
 * entity's policies allow (each Allow statement's actions, whatever its resources and conditions),
 * whether or not they were used; Deny statements do not remove a service.
 */
public final class ServicePermissions {
  private final Supplier<ServiceReference> reference;

  public ServicePermissions(ServiceReference reference) {
    this(() -> reference);
  }

  private ServicePermissions(Supplier<ServiceReference> reference) {
    this.reference = reference;
  }

  /**
   * With the bundled Service Authorization Reference, read when first needed: parsing it takes a
   * quarter of a second, which start-up does not wait for.
   */
  public static ServicePermissions bundled() {
    return new ServicePermissions(ServiceReference::get);
  }

  /** The service name AWS shows for a namespace ({@code Amazon S3}); the namespace if unknown. */
  public String serviceName(String namespace) {
    return reference.get().service(namespace).map(ServiceReference.Service::name).orElse(namespace);
  }

  /**
   * Allowed actions by service namespace, both sorted: for each namespace the names of its actions
   * (as the reference spells them) that some Allow statement of {@code documents} covers.
   */
  public SortedMap<String, SortedSet<String>> allowed(List<String> documents) {
    SortedMap<String, SortedSet<String>> out = new TreeMap<>();
    for (String json : documents) {
      Policy policy = Policy.parse(json, PolicyKind.IDENTITY, ValidationMode.EVALUATION);
      for (Statement st : policy.statements()) {
        if (st.effect() == Effect.ALLOW) {
          for (ServiceReference.Action a : actions(st.action())) {
            out.computeIfAbsent(a.service(), s -> new TreeSet<>()).add(a.name());
          }
        }
      }
    }
    return out;
  }

  /** Whether {@code json} has an Allow statement covering some action of {@code namespace}. */
  public boolean grants(String json, String namespace) {
    return allowed(List.of(json)).containsKey(namespace);
  }

  private Set<ServiceReference.Action> actions(ActionElement element) {
    Set<ServiceReference.Action> matched = new HashSet<>();
    for (String pattern : element.patterns()) {
      matched.addAll(matching(pattern));
    }
    if (element instanceof ActionElement.Actions) {
      return matched;
    }
    // NotAction: every action of every service but those named.
    Set<ServiceReference.Action> all = new HashSet<>();
    for (ServiceReference.Service s : reference.get().services().values()) {
      for (ServiceReference.Action a : s.actions().values()) {
        if (!matched.contains(a)) {
          all.add(a);
        }
      }
    }
    return all;
  }

  /**
   * The actions {@code pattern} matches (case-insensitively, {@code *} and {@code ?} as in
   * policies); a pattern naming its service is matched against that service's actions only.
   */
  private List<ServiceReference.Action> matching(String pattern) {
    int colon = pattern.indexOf(':');
    if (colon < 0) {
      return pattern.equals("*") ? reference.get().matchingActions("*") : List.of();
    }
    String service = pattern.substring(0, colon);
    if (service.contains("*") || service.contains("?")) {
      return reference.get().matchingActions(pattern);
    }
    Pattern name = wildcard(pattern.substring(colon + 1));
    return reference.get().service(service).stream()
        .flatMap(s -> s.actions().values().stream())
        .filter(a -> name.matcher(a.name()).matches())
        .toList();
  }

  private static Pattern wildcard(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  }
}
