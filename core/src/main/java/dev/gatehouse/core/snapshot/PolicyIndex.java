package dev.gatehouse.core.snapshot;

import dev.gatehouse.core.domain.EntityRef;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users and roles whose snapshot entry names each managed policy: attached to them, to one of a
 * user's groups, or as their permissions boundary (missing or not). A change to a customer managed
 * policy re-reads those principals and no other, so it costs in proportion to them rather than to
 * the account.
 *
 * <p>Persistent, as the snapshot's other maps: a generation that re-reads a few principals shares
 * every other policy's set with the previous one, and a policy's set itself is a persistent map (a
 * policy attached to every user of the account changes by a few nodes when one of them does).
 * INVARIANT: no policy maps to an empty set, so that a maintained index equals a rebuilt one.
 */
final class PolicyIndex {
  /** Policy ARN to the principals naming it, by principal ARN. */
  private final PersistentMap<String, PersistentMap<String, EntityRef>> principals;

  private PolicyIndex(PersistentMap<String, PersistentMap<String, EntityRef>> principals) {
    this.principals = principals;
  }

  /**
   * The managed policies an entry names: its attached policies' ARNs (its own and its groups'), and
   * the ARN of its boundary as the principal's record gives it (a boundary whose policy is missing
   * still names that ARN: creating the policy changes the principal).
   */
  static Set<String> named(IamSnapshot.PrincipalEntry entry, Optional<String> boundary) {
    Set<String> arns = new LinkedHashSet<>();
    for (PolicyDocument d : entry.identityPolicies()) {
      if (d.source().startsWith("arn:")) {
        arns.add(d.source());
      }
    }
    boundary.ifPresent(arns::add);
    return arns;
  }

  /** The principals naming {@code policyArn}, none if no principal does. */
  Collection<EntityRef> principals(String policyArn) {
    PersistentMap<String, EntityRef> p = principals.get(policyArn);
    return p == null ? List.of() : p.values();
  }

  /** Every policy named, with its principals' ARNs (what tests compare). */
  Map<String, Set<String>> asMap() {
    Map<String, Set<String>> m = new HashMap<>();
    principals.forEach((arn, ps) -> m.put(arn, Set.copyOf(ps.keySet())));
    return m;
  }

  /** This index with {@code principalArn} naming {@code policyArns} (in addition to any others). */
  PolicyIndex with(String principalArn, EntityRef principal, Collection<String> policyArns) {
    PersistentMap<String, PersistentMap<String, EntityRef>> p = principals;
    for (String arn : policyArns) {
      PersistentMap<String, EntityRef> set = p.get(arn);
      p =
          p.with(
              arn,
              (set == null ? PersistentMap.<String, EntityRef>of() : set)
                  .with(principalArn, principal));
    }
    return new PolicyIndex(p);
  }

  /** This index with {@code principalArn} no longer naming {@code policyArns}. */
  PolicyIndex without(String principalArn, Collection<String> policyArns) {
    PersistentMap<String, PersistentMap<String, EntityRef>> p = principals;
    for (String arn : policyArns) {
      PersistentMap<String, EntityRef> set = p.get(arn);
      if (set == null) {
        continue;
      }
      PersistentMap<String, EntityRef> left = set.without(principalArn);
      p = left.isEmpty() ? p.without(arn) : p.with(arn, left);
    }
    return new PolicyIndex(p);
  }

  /** Builds an index in one pass, for a whole account. */
  static final class Builder {
    private final Map<String, Map<String, EntityRef>> principals = new HashMap<>();

    void add(String principalArn, EntityRef principal, Collection<String> policyArns) {
      for (String arn : policyArns) {
        principals.computeIfAbsent(arn, a -> new HashMap<>()).put(principalArn, principal);
      }
    }

    PolicyIndex build() {
      Map<String, PersistentMap<String, EntityRef>> p = new HashMap<>();
      principals.forEach((arn, ps) -> p.put(arn, PersistentMap.copyOf(ps)));
      return new PolicyIndex(PersistentMap.copyOf(p));
    }
  }
}
